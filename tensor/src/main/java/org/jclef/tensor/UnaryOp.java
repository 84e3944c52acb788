package org.jclef.tensor;

/** Elementwise functions of one tensor, each with its derivative (used by {@link Backend#unaryBackward}). */
public enum UnaryOp {
    /** e^x; derivative y. */
    EXP,
    /** ln x; derivative 1/x. */
    LOG,
    /** σ(x) = 1/(1+e^−x); derivative y(1−y). */
    SIGMOID,
    /** Swish/SiLU x·σ(x); derivative σ(x)(1 + x(1−σ(x))). */
    SWISH,
    /** √x; derivative 1/(2y). */
    SQRT,
    /** max(x, 0); derivative 1 where x &gt; 0. */
    RELU,
    /** |x|; derivative sign(x) (0 at 0). */
    ABS
}
