package org.jclef.tensor;

/**
 * Element type of a {@link Tensor}.
 *
 * <p>{@link #F32} is the working type of every model and kernel. {@link #F64} exists for
 * verification: gradient checks, golden tests and parity with float64 references run in it, and
 * only the scalar reference backend computes it (the fast backends delegate F64 tensors to it).
 */
public enum DType {
    F32(4),
    F64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }
}
