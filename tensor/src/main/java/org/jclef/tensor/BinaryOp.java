package org.jclef.tensor;

/**
 * Elementwise functions of two broadcast tensors. Their derivatives are composed by the autograd
 * layer from these same ops (e.g. d(a/b)/db = −out/b), so they have no backward kernel.
 */
public enum BinaryOp {
    ADD,
    SUB,
    MUL,
    DIV,
    /** a^b. */
    POW,
    /** max(a, b); ties count as a. */
    MAX,
    /** min(a, b); ties count as a. */
    MIN
}
