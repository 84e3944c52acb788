package org.jclef.clef.augment;

import java.util.random.RandomGenerator;
import org.jclef.clef.signal.Butterworth;
import org.jclef.clef.signal.SecondOrderSections;
import org.jclef.clef.signal.SteadyState;
import org.jclef.clef.signal.ZScore;
import org.jclef.clef.signal.ZeroPhase;

/**
 * <b>Deviation from the reference:</b> the built-in synthetic noise of spec §3.5, for when the
 * simulator's real-noise file is not available. Rows are generated at 500 Hz for the view's
 * length L (T = L/500 s) from the augmentation generator, then rescaled to a population std of
 * 0.1 mV. The same row serves every lead (the lead-row mapping does not apply).
 *
 * <p>Components, each scaled to unit std ("band-limited" = Gaussian white noise through a
 * zero-phase 4th-order Butterworth band-pass, realised as second-order sections, then scaled to
 * unit std):
 * <ul>
 *   <li><b>BW</b> baseline wander: Σ_{j=1..3} A_j·sin(2πf_j t + φ_j), with f_j ~ U(0.05, 0.5) Hz,
 *       A_j ~ U(0.5, 1), φ_j ~ U(0, 2π), drawn in that order per j;</li>
 *   <li><b>EM</b> electrode motion: K ~ Poisson(2·T/10) transients A_k·e^{−(t−t_k)/τ_k}·1[t ≥ t_k]
 *       with t_k ~ U(0, T), A_k ~ N(0, 1), τ_k ~ U(0.1, 0.5) s (drawn in that order per k), plus
 *       0.3 × band-limited noise (0.5–5 Hz);</li>
 *   <li><b>MA</b> muscle/EMG-like: band-limited noise (20–150 Hz) times
 *       0.5 + 0.5·|sin(2πf_e t + φ_e)|, f_e ~ U(0.1, 1) Hz, φ_e ~ U(0, 2π) (φ_e's distribution is
 *       this class's choice: the spec does not give one).</li>
 * </ul>
 * Options: baseline wander → BW; electrode movement → EM; motion artefact → EM + MA;
 * mixture → BW + EM + MA (components generated in the order BW, EM, MA).
 */
public final class SyntheticNoise implements NoiseSource {
    public static final double RATE = 500.0;
    private static final int BAND_ORDER = 4;
    private static final System.Logger LOG = System.getLogger("org.jclef.clef.augment");

    private final SecondOrderSections motionBand = Butterworth.bandPassSections(BAND_ORDER, 0.5, 5.0, RATE);
    private final SecondOrderSections muscleBand = Butterworth.bandPassSections(BAND_ORDER, 20.0, 150.0, RATE);
    private final double[][] motionZi = SteadyState.of(motionBand);
    private final double[][] muscleZi = SteadyState.of(muscleBand);

    public SyntheticNoise() {
        LOG.log(System.Logger.Level.INFO, describe());
    }

    @Override
    public double[] sample(NoiseOption option, String lead, int length, RandomGenerator rng) {
        double[] row = switch (option) {
            case BASELINE_WANDER -> baselineWander(length, rng);
            case ELECTRODE_MOVEMENT -> electrodeMotion(length, rng);
            case MOTION_ARTEFACT -> sum(electrodeMotion(length, rng), muscle(length, rng));
            case MIXTURE -> sum(sum(baselineWander(length, rng), electrodeMotion(length, rng)), muscle(length, rng));
            case IDENTITY -> throw new IllegalArgumentException("synthetic noise: IDENTITY adds no noise");
        };
        NoiseSource.rescale(row);
        return row;
    }

    /** BW, unit std. */
    double[] baselineWander(int length, RandomGenerator rng) {
        double[] x = new double[length];
        for (int j = 0; j < 3; j++) {
            double f = rng.nextDouble(0.05, 0.5);
            double a = rng.nextDouble(0.5, 1.0);
            double phi = rng.nextDouble(0, 2 * Math.PI);
            for (int i = 0; i < length; i++) {
                x[i] += a * Math.sin(2 * Math.PI * f * (i / RATE) + phi);
            }
        }
        return unitStd(x);
    }

    /** EM, unit std. */
    double[] electrodeMotion(int length, RandomGenerator rng) {
        double duration = length / RATE;
        int k = poisson(2 * duration / 10, rng);
        double[] x = new double[length];
        for (int n = 0; n < k; n++) {
            double tk = rng.nextDouble(0, duration);
            double ak = rng.nextGaussian();
            double tau = rng.nextDouble(0.1, 0.5);
            for (int i = (int) Math.ceil(tk * RATE); i < length; i++) {
                x[i] += ak * Math.exp(-(i / RATE - tk) / tau);
            }
        }
        double[] band = bandLimited(motionBand, motionZi, length, rng);
        for (int i = 0; i < length; i++) {
            x[i] += 0.3 * band[i];
        }
        return unitStd(x);
    }

    /** MA, unit std. */
    double[] muscle(int length, RandomGenerator rng) {
        double[] band = bandLimited(muscleBand, muscleZi, length, rng);
        double fe = rng.nextDouble(0.1, 1.0);
        double phi = rng.nextDouble(0, 2 * Math.PI);
        for (int i = 0; i < length; i++) {
            band[i] *= 0.5 + 0.5 * Math.abs(Math.sin(2 * Math.PI * fe * (i / RATE) + phi));
        }
        return unitStd(band);
    }

    private static double[] bandLimited(SecondOrderSections sos, double[][] zi, int length, RandomGenerator rng) {
        double[] white = new double[length];
        for (int i = 0; i < length; i++) {
            white[i] = rng.nextGaussian();
        }
        return unitStd(ZeroPhase.sosfiltfilt(sos, zi, white));
    }

    /** Knuth's multiplication method (fine for the small means used here). */
    static int poisson(double mean, RandomGenerator rng) {
        double limit = Math.exp(-mean);
        int k = 0;
        double p = rng.nextDouble();
        while (p > limit) {
            k++;
            p *= rng.nextDouble();
        }
        return k;
    }

    private static double[] unitStd(double[] x) {
        double std = ZScore.populationStd(x);
        if (std > 0) {
            for (int i = 0; i < x.length; i++) {
                x[i] /= std;
            }
        }
        return x;
    }

    private static double[] sum(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    @Override
    public boolean isReference() {
        return false;
    }

    @Override
    public String describe() {
        return "synthetic noise (DEVIATION from the reference: built-in baseline wander / electrode motion / "
                + "EMG generator, used because no real-noise file was given)";
    }
}
