package org.jclef.clef.augment;

import java.util.List;
import java.util.random.RandomGenerator;
import org.jclef.clef.io.EcgRecord;
import org.jclef.clef.signal.BandPassFilter;
import org.jclef.clef.signal.NanRepair;
import org.jclef.clef.signal.ZScore;

/**
 * Produces the two augmented views of one patient for contrastive pretraining (spec §3.2–§3.5).
 * Given a multi-lead window (12 leads × 5000 samples at 500 Hz in the reference) and a seeded
 * generator it draws the lead pair, then processes each view in the spec's §3.3 order:
 * <ol>
 *   <li>NaN repair;</li>
 *   <li>band-pass (the CLEF filter at 500 Hz unless configured otherwise);</li>
 *   <li>noise: one of five options, uniformly; unless identity, a row from the
 *       {@link NoiseSource} is added;</li>
 *   <li>zero-masking, decided independently ({@link ZeroMask});</li>
 *   <li>z-score.</li>
 * </ol>
 * Random draws happen in this order: the lead pair ({@link LeadPair#draw}), then view 1's
 * noise option, noise draws and mask draws, then view 2's. The same generator state therefore
 * gives the same views, bit for bit. (The reference uses two separately seeded generators; the
 * spec does not require reproducing its random sequences.)
 */
public final class ViewSampler {
    private final NoiseSource noise;
    private final BandPassFilter filter;

    /**
     * What was drawn for one view.
     *
     * @param lead  the lead index in the window
     * @param noise the noise option
     * @param mask  the zero mask ({@link ZeroMask#NONE} when none)
     */
    public record ViewDraws(int lead, NoiseOption noise, ZeroMask mask) {
    }

    /** The two processed views, {@code float[L]} each, and what was drawn for them. */
    public record Views(float[] first, float[] second, ViewDraws firstDraws, ViewDraws secondDraws) {
    }

    public ViewSampler(NoiseSource noise, BandPassFilter filter) {
        this.noise = noise;
        this.filter = filter;
    }

    /** The reference configuration: the CLEF band-pass at 500 Hz and the given noise source. */
    public static ViewSampler clef(NoiseSource noise) {
        return new ViewSampler(noise, BandPassFilter.clef(500.0));
    }

    public NoiseSource noise() {
        return noise;
    }

    /**
     * Two views of {@code window: [leads][L]} (physical units, mV) whose leads are called
     * {@code leadNames} (used for the real-noise row).
     */
    public Views sample(double[][] window, List<String> leadNames, RandomGenerator rng) {
        if (window.length == 0 || window.length != leadNames.size()) {
            throw new IllegalArgumentException("view sampler: " + window.length + " leads but " + leadNames.size()
                    + " lead names");
        }
        int length = window[0].length;
        for (double[] lead : window) {
            if (lead.length != length) {
                throw new IllegalArgumentException("view sampler: leads differ in length (" + lead.length + " vs "
                        + length + ")");
            }
        }
        LeadPair pair = LeadPair.draw(window.length, rng);
        View first = view(window[pair.first()], leadNames.get(pair.first()), pair.first(), rng);
        View second = view(window[pair.second()], leadNames.get(pair.second()), pair.second(), rng);
        return new Views(first.samples(), second.samples(), first.draws(), second.draws());
    }

    /**
     * Two views of samples [0, length) of {@code record}'s leads, converted to mV (the spec's
     * segment is always the first 5000 samples).
     */
    public Views sample(EcgRecord record, int length, RandomGenerator rng) {
        if (record.length() < length) {
            throw new IllegalArgumentException("view sampler: record " + record.id() + " has " + record.length()
                    + " samples, the window needs " + length);
        }
        double[][] window = new double[record.leads().size()][];
        for (int l = 0; l < window.length; l++) {
            window[l] = java.util.Arrays.copyOf(record.leads().get(l).millivolts(), length);
        }
        return sample(window, record.leadNames(), rng);
    }

    private record View(float[] samples, ViewDraws draws) {
    }

    /** Spec §3.3 steps 1–5 for one lead. */
    private View view(double[] lead, String name, int index, RandomGenerator rng) {
        double[] x = NanRepair.repair(lead);
        x = filter.apply(x);
        NoiseOption option = NoiseOption.draw(rng);
        if (option != NoiseOption.IDENTITY) {
            double[] n = noise.sample(option, name, x.length, rng);
            for (int i = 0; i < x.length; i++) {
                x[i] += n[i];
            }
        }
        ZeroMask mask = ZeroMask.draw(x.length, rng);
        mask.apply(x);
        ZScore.normalizeInPlace(x);
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) x[i];
        }
        return new View(out, new ViewDraws(index, option, mask));
    }
}
