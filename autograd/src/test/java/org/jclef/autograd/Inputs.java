package org.jclef.autograd;

import java.util.SplittableRandom;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/** Seeded random F64 inputs shaped to keep finite differences away from kinks. */
final class Inputs {
    private final SplittableRandom rng;

    Inputs(long seed) {
        rng = new SplittableRandom(seed);
    }

    /** Uniform in [lo, hi). */
    Tensor uniform(double lo, double hi, int... shape) {
        Tensor t = Tensor.zeros(DType.F64, shape);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, lo + (hi - lo) * rng.nextDouble());
        }
        return t;
    }

    /** Uniform in ±[0.2, 1.2): never near 0, where relu and abs have kinks. */
    Tensor awayFromZero(int... shape) {
        Tensor t = uniform(0.2, 1.2, shape);
        for (int i = 0; i < t.size(); i++) {
            if (rng.nextBoolean()) {
                t.setFlat(i, -t.getFlat(i));
            }
        }
        return t;
    }

    /**
     * Distinct values at least 0.05 apart, shuffled and away from 0: no ties for max/min
     * reductions and max-pooling, even with a finite-difference step.
     */
    Tensor distinct(int... shape) {
        Tensor t = Tensor.zeros(DType.F64, shape);
        int n = t.size();
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = (i - n / 2 + 0.5) * 0.1 + 0.02 * (rng.nextDouble() - 0.5);
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
        for (int i = 0; i < n; i++) {
            t.setFlat(i, values[i]);
        }
        return t;
    }

    /** Uniform in [-1, 1). */
    Tensor normalish(int... shape) {
        return uniform(-1, 1, shape);
    }
}
