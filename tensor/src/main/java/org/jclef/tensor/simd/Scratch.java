package org.jclef.tensor.simd;

/**
 * Per-thread work buffers that grow on demand and are reused across kernel calls, so that kernels
 * allocate nothing per task. A buffer's contents are undefined when handed out: each kernel
 * initialises what it reads. Each slot is owned by one kernel step; two buffers that a task uses at
 * the same time must come from different slots.
 */
final class Scratch {
    /** Input rows of a convolution, zero-padded and split into stride phases. */
    static final int CONV_ROWS = 0;
    /** Output rows of a convolution's stride phases before they are interleaved. */
    static final int CONV_OUT = 1;
    /** Lane-wise partial sums (one vector per output element) kept across samples. */
    static final int LANES = 2;
    /** A packed panel of matrix rows or a row accumulator. */
    static final int PANEL = 3;
    /** One vector's worth of lanes, for horizontal sums in a fixed order. */
    static final int LANE_SUM = 4;
    /** The last, partial register tile of a panel sweep: zero-padded copies of B's tails and an output tile. */
    static final int TAIL = 5;
    private static final int SLOTS = 6;

    private static final ThreadLocal<Scratch> CURRENT = ThreadLocal.withInitial(Scratch::new);

    private final float[][] floats = new float[SLOTS][];
    private final int[][] ints = new int[SLOTS][];

    private Scratch() {
    }

    static Scratch current() {
        return CURRENT.get();
    }

    /** A float buffer of at least {@code length} elements for {@code slot}. */
    float[] floats(int slot, int length) {
        float[] a = floats[slot];
        if (a == null || a.length < length) {
            a = new float[Math.max(length, a == null ? 0 : a.length + a.length / 2)];
            floats[slot] = a;
        }
        return a;
    }

    /** An int buffer of at least {@code length} elements for {@code slot}. */
    int[] ints(int slot, int length) {
        int[] a = ints[slot];
        if (a == null || a.length < length) {
            a = new int[Math.max(length, a == null ? 0 : a.length + a.length / 2)];
            ints[slot] = a;
        }
        return a;
    }
}
