package org.jclef.clef.bench;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.jclef.tensor.Backend;
import org.jclef.tensor.Conv1dGeometry;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * One convolution layer's kernels on a backend, with the tensors allocated once:
 * {@code x: [N, C_in, L]}, {@code w: [C_out, C_in/g, K]}, {@code y, dy: [N, C_out, L_out]}.
 * {@link #run()} does the chosen passes in the order of a training step.
 *
 * <p>The backward passes accumulate, as the backend's contract says; their outputs are cleared
 * only when {@link #run()} does all passes (as a training step starts from zero gradients), so a
 * single-pass run times the kernel alone.
 */
public final class ConvWorkload implements Workload {
    private final Backend backend;
    private final ConvShape shape;
    private final Set<ConvPass> passes;
    private final Conv1dGeometry geometry;
    private final Tensor x, w, bias, y, dy, dx, dw, db;

    public ConvWorkload(Backend backend, ConvShape shape, Set<ConvPass> passes) {
        if (passes.isEmpty()) {
            throw new IllegalArgumentException("ConvWorkload: no pass to run");
        }
        this.backend = backend;
        this.shape = shape;
        this.passes = EnumSet.copyOf(passes);
        this.geometry = shape.geometry();
        SplittableRandom rng = new SplittableRandom(42);
        int n = shape.batch(), cin = shape.inChannels(), cout = shape.outChannels();
        x = Tensor.normal(DType.F32, rng, n, cin, shape.length());
        w = Tensor.normal(DType.F32, rng, cout, cin / shape.groups(), shape.kernel());
        bias = Tensor.normal(DType.F32, rng, cout);
        y = Tensor.zeros(n, cout, shape.outLength());
        dy = Tensor.normal(DType.F32, rng, n, cout, shape.outLength());
        dx = Tensor.zeros(n, cin, shape.length());
        dw = Tensor.zeros(w.shape());
        db = Tensor.zeros(cout);
    }

    /** Forward, backward-data and backward-weight: the layer's share of a training step. */
    public static ConvWorkload training(Backend backend, ConvShape shape) {
        return new ConvWorkload(backend, shape, EnumSet.allOf(ConvPass.class));
    }

    public ConvShape shape() {
        return shape;
    }

    /** {@code y = conv(x, w) + b}; returns y. */
    public Tensor forward() {
        backend.conv1dForward(x, w, bias, geometry, y);
        return y;
    }

    /** {@code dx += ∂y/∂xᵀ · dy}; returns dx. */
    public Tensor backwardData() {
        backend.conv1dBackwardData(dy, w, geometry, dx);
        return dx;
    }

    /** {@code dw += Σ dy ⊗ x}, {@code db += Σ dy}; returns dw. */
    public Tensor backwardWeight() {
        backend.conv1dBackwardWeight(dy, x, geometry, dw, db);
        return dw;
    }

    @Override
    public String description() {
        String names = passes.stream().map(p -> p.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(" + "));
        return "conv1d " + names + " " + shape + " on " + BenchBackends.describe(backend);
    }

    @Override
    public double flops() {
        return passes.size() * shape.forwardFlops();
    }

    @Override
    public void run() {
        if (passes.size() == ConvPass.values().length) {
            backend.fill(dx, 0);
            backend.fill(dw, 0);
            backend.fill(db, 0);
        }
        if (passes.contains(ConvPass.FORWARD)) {
            forward();
        }
        if (passes.contains(ConvPass.BACKWARD_DATA)) {
            backwardData();
        }
        if (passes.contains(ConvPass.BACKWARD_WEIGHT)) {
            backwardWeight();
        }
    }
}
