package org.jclef.clef.train;

import java.util.SplittableRandom;

/**
 * Where every random draw of pretraining comes from. Each stream is seeded from a hash of
 * (run seed, purpose, epoch, item), so a draw depends on those numbers alone: not on which loader
 * thread produced the item, in which order the threads ran, or whether the run was resumed. That
 * is what makes a resumed run bit-identical to an uninterrupted one, and results independent of
 * {@code --loaders}.
 */
public final class ItemSeeds {
    private static final long ORDER = 1;
    private static final long VIEWS = 2;
    private static final long INIT = 3;

    private ItemSeeds() {
    }

    /** The generator of the two views of dataset item {@code item} in epoch {@code epoch}. */
    public static SplittableRandom views(long seed, int epoch, int item) {
        return new SplittableRandom(key(seed, VIEWS, epoch, item));
    }

    /** The order in which epoch {@code epoch} visits the {@code n} items: a seeded Fisher–Yates shuffle. */
    public static int[] epochOrder(long seed, int epoch, int n) {
        SplittableRandom rng = new SplittableRandom(key(seed, ORDER, epoch, 0));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * The seed of initialisation stream {@code index} (0: the encoder, 1: BYOL's predictor, 2: the
     * MoCo queue), so that each part's initial values depend on the run seed only.
     */
    public static long init(long seed, int index) {
        return key(seed, INIT, 0, index);
    }

    /** SplitMix64-style mixing of the four numbers, one after the other. */
    static long key(long seed, long purpose, long epoch, long item) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L * purpose);
        h = mix(h + 0xBF58476D1CE4E5B9L * (epoch + 1));
        return mix(h + 0x94D049BB133111EBL * (item + 1));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
