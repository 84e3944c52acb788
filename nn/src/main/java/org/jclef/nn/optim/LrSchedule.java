package org.jclef.nn.optim;

import java.util.OptionalDouble;

/**
 * A learning rate as a pure function of time t ≥ 0, counted in the schedule's own unit (epochs for
 * a per-epoch schedule, optimiser steps for a per-step one; fractional t is allowed). A
 * {@link Scheduler} applies it to an optimiser. Being closed-form, a schedule has no state of its
 * own: resuming needs only t.
 */
@FunctionalInterface
public interface LrSchedule {

    /** The learning rate at time {@code t}. */
    double lr(double t);

    /** The momentum (Adam's β₁, SGD's momentum) the schedule sets at time t, if it cycles one. */
    default OptionalDouble momentum(double t) {
        return OptionalDouble.empty();
    }

    /** A constant learning rate. */
    static LrSchedule constant(double lr) {
        return t -> lr;
    }
}
