package org.jclef.clef.bench;

import java.util.Arrays;

/**
 * Wall-clock seconds of repeated runs of a {@link Workload}, after a warm-up that lets the JIT
 * compile the kernels. The median is the summary: on a shared machine it ignores the runs that
 * another process disturbed.
 *
 * @param seconds one entry per measured run, in run order
 */
public record Timing(double[] seconds) {

    public Timing {
        if (seconds.length == 0) {
            throw new IllegalArgumentException("Timing: no runs measured");
        }
        seconds = seconds.clone();
    }

    /**
     * Runs {@code workload} until {@code warmupSeconds} have passed (and at least twice), then
     * {@code runs} more times, timing each.
     */
    public static Timing measure(Workload workload, double warmupSeconds, int runs) {
        if (runs < 1 || !(warmupSeconds >= 0)) {
            throw new IllegalArgumentException("Timing: expected runs >= 1 and warm-up seconds >= 0, got " + runs
                    + " runs, " + warmupSeconds + " s");
        }
        warmUp(workload, warmupSeconds);
        return time(workload, runs);
    }

    /** Runs {@code workload} until {@code seconds} have passed, at least twice. */
    public static void warmUp(Workload workload, double seconds) {
        long start = System.nanoTime();
        int done = 0;
        while (done < 2 || System.nanoTime() - start < seconds * 1e9) {
            workload.run();
            done++;
        }
    }

    /** Times {@code runs} runs of {@code workload}, no warm-up. */
    public static Timing time(Workload workload, int runs) {
        double[] s = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            workload.run();
            s[i] = (System.nanoTime() - t0) * 1e-9;
        }
        return new Timing(s);
    }

    @Override
    public double[] seconds() {
        return seconds.clone();
    }

    public int runs() {
        return seconds.length;
    }

    /** The median run time (the mean of the middle two for an even count). */
    public double median() {
        return quantile(0.5);
    }

    public double min() {
        return Arrays.stream(seconds).min().orElseThrow();
    }

    /** The {@code q}-quantile by linear interpolation between order statistics. */
    public double quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("Timing: quantile " + q + " outside [0, 1]");
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** GFLOP/s at the median time for {@code flops} counted FLOPs per run. */
    public double gflops(double flops) {
        return flops / median() * 1e-9;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timing t && Arrays.equals(seconds, t.seconds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(seconds);
    }

    @Override
    public String toString() {
        return "Timing" + Arrays.toString(seconds);
    }
}
