package org.jclef.clef.bench;

/** The three kernels of a convolution layer. */
public enum ConvPass {
    /** {@code y = conv(x, w) + b}. */
    FORWARD,
    /** {@code dx += ∂y/∂xᵀ · dy}. */
    BACKWARD_DATA,
    /** {@code dw += Σ dy ⊗ x}, {@code db += Σ dy}. */
    BACKWARD_WEIGHT
}
