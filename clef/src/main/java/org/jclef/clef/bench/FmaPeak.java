package org.jclef.clef.bench;

import java.util.Locale;

/**
 * The FMA ceiling that kernel speeds are set against: {@code gflopsPerCore} per thread used.
 * The default, 150 GFLOP/s per core, is the reference machine's (a 2-core AVX-512 EPYC: two 16-lane
 * float FMAs per cycle, 64 FLOPs, at its clock); {@code -Djclef.bench.peak=GFLOPS} sets another
 * machine's.
 */
public record FmaPeak(double gflopsPerCore, int cores) {
    public static final String PROPERTY = "jclef.bench.peak";
    public static final double REFERENCE_GFLOPS_PER_CORE = 150;

    public FmaPeak {
        if (!(gflopsPerCore > 0) || Double.isInfinite(gflopsPerCore) || cores < 1) {
            throw new IllegalArgumentException("FmaPeak: expected a positive GFLOP/s per core and cores >= 1, got "
                    + gflopsPerCore + " and " + cores);
        }
    }

    /** The ceiling of {@code cores} cores, per core from {@code -Djclef.bench.peak} or the reference machine's. */
    public static FmaPeak of(int cores) {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return new FmaPeak(REFERENCE_GFLOPS_PER_CORE, cores);
        }
        try {
            return new FmaPeak(Double.parseDouble(value.trim()), cores);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + value
                    + ": expected GFLOP/s per core, e.g. 150", e);
        }
    }

    public double gflops() {
        return gflopsPerCore * cores;
    }

    /** {@code gflops} as a fraction of this ceiling. */
    public double fraction(double gflops) {
        return gflops / gflops();
    }

    /** "12.3 GFLOP/s (4.1% of the 300 GFLOP/s FMA peak of 2 cores)". */
    public String describe(double gflops) {
        return String.format(Locale.ROOT, "%.1f GFLOP/s (%.1f%% of the %.0f GFLOP/s FMA peak of %d %s)", gflops,
                100 * fraction(gflops), gflops(), cores, cores == 1 ? "core" : "cores");
    }
}
