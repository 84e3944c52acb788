package org.jclef.tensor;

/** Reductions along one axis ({@link Backend#reduce}). */
public enum ReduceOp {
    SUM,
    MEAN,
    MAX,
    MIN,
    /** log Σ e^x, computed as m + log Σ e^(x−m) with m the maximum. */
    LOG_SUM_EXP
}
