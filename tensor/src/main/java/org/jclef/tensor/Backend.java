package org.jclef.tensor;

/**
 * The hot operations of jclef, behind one interface with several implementations: the scalar
 * reference (plain loops, double accumulation), the Vector API SIMD backend, and the OpenCL backend.
 * {@link Backends#current()} picks one per process, logs the choice and lets tests see it.
 *
 * <p>Conventions, as in llm.c:
 * <ul>
 *   <li>Forward operations <b>overwrite</b> their output; backward operations <b>accumulate</b>
 *       ({@code dx += ...}) so that fan-out in a graph needs no special case.</li>
 *   <li>Outputs are passed in, allocated by the caller, and never alias an input unless the method
 *       says it may.</li>
 *   <li>All operands of one call share a {@link DType}. Shape errors throw
 *       {@link IllegalArgumentException} naming the operation, the shapes and what was expected.</li>
 *   <li>Implementations must be deterministic: the same inputs give bitwise-identical outputs for
 *       any thread count.</li>
 * </ul>
 */
public interface Backend {

    /** Short name, as selected by {@code -Djclef.backend}: "scalar", "simd" or "opencl". */
    String name();

    // ------------------------------------------------------------------ elementwise

    /** {@code out = op(x)}; same shapes; {@code out} may be {@code x}. */
    void unary(UnaryOp op, Tensor x, Tensor out);

    /**
     * {@code dx += dy · op'(x)}, where {@code y = op(x)} is the saved forward output (some
     * derivatives are cheaper from y). All four tensors have the same shape.
     */
    void unaryBackward(UnaryOp op, Tensor x, Tensor y, Tensor dy, Tensor dx);

    /**
     * {@code out = a op b}, with a and b broadcast (NumPy rules) to {@code out}'s shape, which must
     * be exactly their broadcast shape. {@code out} may be a or b when it has that operand's shape.
     */
    void binary(BinaryOp op, Tensor a, Tensor b, Tensor out);

    /** {@code out = scale · x + shift}; same shapes; {@code out} may be {@code x}. */
    void affine(Tensor x, double scale, double shift, Tensor out);

    /** {@code out = x^exponent}; same shapes; {@code out} may be {@code x}. */
    void powScalar(Tensor x, double exponent, Tensor out);

    /** Sets every element of {@code out} to {@code value}. */
    void fill(Tensor out, double value);

    /** {@code dst = src}; same shapes. */
    void copy(Tensor src, Tensor dst);

    // ------------------------------------------------------------------ reductions

    /**
     * Reduces {@code x} along {@code axis} (negative counts from the end); {@code out} has x's shape
     * with that axis set to 1.
     */
    void reduce(ReduceOp op, Tensor x, int axis, Tensor out);

    /**
     * {@code out += x} summed down to {@code out}'s shape, where {@code out}'s shape broadcasts to
     * x's: the backward of a broadcast. Equal shapes make it a plain accumulation.
     */
    void addReduced(Tensor x, Tensor out);

    // ------------------------------------------------------------------ linear algebra

    /**
     * Batched matrix product {@code c = op(a) · op(b)} (or {@code c += ...} with {@code accumulate}),
     * where op transposes the last two axes when the flag is set.
     * Shapes: {@code a: [M, K]} or {@code [B, M, K]}, {@code b: [K, N]} or {@code [B, K, N]} (before
     * the transposes), {@code c: [M, N]} when both are rank 2, else {@code [B, M, N]}; a rank-2 operand
     * is shared by every batch entry of the other.
     */
    void matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB, Tensor c, boolean accumulate);

    // ------------------------------------------------------------------ convolution

    /**
     * Grouped 1-D cross-correlation with explicit zero padding.
     * {@code x: [N, C_in, L_in]}, {@code w: [C_out, C_in/g, K]}, {@code bias: [C_out]} or null,
     * {@code y: [N, C_out, L_out]} (overwritten). See {@link Conv1dGeometry}.
     */
    void conv1dForward(Tensor x, Tensor w, Tensor bias, Conv1dGeometry geometry, Tensor y);

    /** {@code dx += ∂y/∂x ᵀ · dy}. {@code dy: [N, C_out, L_out]}, {@code w: [C_out, C_in/g, K]}, {@code dx: [N, C_in, L_in]}. */
    void conv1dBackwardData(Tensor dy, Tensor w, Conv1dGeometry geometry, Tensor dx);

    /**
     * {@code dw += Σ_n,t dy ⊗ x_window} and {@code dbias += Σ_n,t dy} ({@code dbias} may be null).
     * {@code dy: [N, C_out, L_out]}, {@code x: [N, C_in, L_in]}, {@code dw: [C_out, C_in/g, K]}.
     */
    void conv1dBackwardWeight(Tensor dy, Tensor x, Conv1dGeometry geometry, Tensor dw, Tensor dbias);

    // ------------------------------------------------------------------ pooling and layout

    /** Max over windows along the last axis. {@code x: [N, C, L_in]}, {@code y: [N, C, L_out]}. */
    void maxPool1dForward(Tensor x, Pool1dGeometry geometry, Tensor y);

    /**
     * {@code dx += dy} routed to each window's arg-max, recomputed from {@code x}; the first maximum
     * wins ties, and a window whose maximum is the padding value at a padded position sends nothing.
     */
    void maxPool1dBackward(Tensor x, Tensor dy, Pool1dGeometry geometry, Tensor dx);

    /**
     * {@code out = x} placed at index {@code start} along {@code axis} of a zero tensor:
     * {@code out[..., start + i, ...] = x[..., i, ...]}, every other element 0. Same rank; only
     * that axis may differ in size, and {@code start + x.dim(axis) <= out.dim(axis)}.
     */
    void padAxis(Tensor x, int axis, int start, Tensor out);

    /** {@code dx[..., i, ...] += dOut[..., start + i, ...]}: the backward of {@link #padAxis}. */
    void narrowAxisBackward(Tensor dOut, int axis, int start, Tensor dx);

    // ------------------------------------------------------------------ optimisation

    /** One Adam/AdamW step on {@code param} in place; {@code m}, {@code v} are its moment buffers. */
    void adamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v, AdamStep step);
}
