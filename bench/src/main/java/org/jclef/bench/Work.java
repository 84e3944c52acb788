package org.jclef.bench;

import java.util.Locale;

/**
 * What one benchmark invocation does, to turn its time into a rate: counted FLOPs (compute-bound
 * kernels, reported as GFLOP/s) or the bytes it must at least read and write (memory-bound
 * elementwise kernels, reported as GB/s).
 *
 * @param amount FLOPs or bytes per invocation
 * @param unit   what {@code amount} counts
 * @param cores  the cores the benchmark runs on (the SIMD thread count, else 1), for the FMA peak
 */
record Work(double amount, Unit unit, int cores) {

    enum Unit {
        FLOP("GFLOP/s"),
        BYTE("GB/s");

        final String rate;

        Unit(String rate) {
            this.rate = rate;
        }
    }

    static Work flops(double amount, String backend, String threads) {
        return new Work(amount, Unit.FLOP, cores(backend, threads));
    }

    static Work bytes(double amount, String backend, String threads) {
        return new Work(amount, Unit.BYTE, cores(backend, threads));
    }

    private static int cores(String backend, String threads) {
        return backend.trim().toLowerCase(Locale.ROOT).equals("simd") ? Integer.parseInt(threads.trim()) : 1;
    }

    /** The rate in G{@code unit}/s of one invocation taking {@code seconds}. */
    double rate(double seconds) {
        return amount / seconds * 1e-9;
    }
}
