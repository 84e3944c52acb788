package org.jclef.nn;

import java.util.SplittableRandom;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * Where new parameters come from: the dtype a model is built in and one seeded random stream.
 *
 * <p>Every parameter (and every other random consumer, such as a dropout layer) splits its own
 * independent stream off this one when it is <b>created</b>, so a model's initial values depend only
 * on the seed and the order of construction: never on the thread count, nor on when or whether
 * each lazy {@link Parameter} is first used.
 *
 * <pre>{@code
 * Init init = Init.seeded(DType.F32, 42);
 * Linear head = new Linear(init, 256, 10);   // weight and bias ~ U(−1/16, 1/16)
 * }</pre>
 */
public final class Init {
    private final DType dtype;
    private final SplittableRandom random;

    private Init(DType dtype, SplittableRandom random) {
        this.dtype = dtype;
        this.random = random;
    }

    /** Parameters of {@code dtype} drawn from a stream seeded with {@code seed}. */
    public static Init seeded(DType dtype, long seed) {
        if (dtype == null) {
            throw new IllegalArgumentException("Init: dtype is null");
        }
        return new Init(dtype, new SplittableRandom(seed));
    }

    public DType dtype() {
        return dtype;
    }

    /**
     * A lazy parameter with values ~ U(−bound, +bound): PyTorch's default for convolution and linear
     * weights and biases with bound = 1/√fan_in.
     */
    public Parameter uniform(double bound, int... shape) {
        if (!(bound >= 0)) {
            throw new IllegalArgumentException("Init.uniform: bound " + bound + " must be >= 0");
        }
        SplittableRandom stream = random.split();
        int[] s = shape.clone();
        return Parameter.lazy(dtype, s, () -> Tensor.uniform(dtype, stream, -bound, bound, s));
    }

    /** A lazy parameter filled with {@code value} (BatchNorm's weight 1 and bias 0). */
    public Parameter constant(double value, int... shape) {
        int[] s = shape.clone();
        return Parameter.lazy(dtype, s, () -> Tensor.full(dtype, value, s));
    }

    /** An independent random stream for a layer that draws numbers while it runs (dropout). */
    public SplittableRandom stream() {
        return random.split();
    }

    /** PyTorch's default bound 1/√fan_in; fan_in is (C_in/groups)·K for a convolution, in_features for a linear layer. */
    public static double defaultBound(long fanIn) {
        if (fanIn < 1) {
            throw new IllegalArgumentException("Init: fan_in " + fanIn + " must be positive");
        }
        return 1.0 / Math.sqrt(fanIn);
    }
}
