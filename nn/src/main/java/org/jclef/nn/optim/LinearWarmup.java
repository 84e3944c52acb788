package org.jclef.nn.optim;

import java.util.OptionalDouble;

/**
 * A linear warm-up in front of another schedule: for t &lt; w the rate rises linearly from
 * startFactor·lr_after(0) to lr_after(0) (PyTorch's {@code LinearLR} with end factor 1 and
 * total_iters w), then {@code after} runs with its clock starting at 0 at t = w.
 */
public record LinearWarmup(LrSchedule after, int warmupSteps, double startFactor) implements LrSchedule {

    public LinearWarmup {
        if (after == null || warmupSteps < 1 || !(startFactor >= 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("LinearWarmup: invalid warm-up of " + warmupSteps
                    + " steps from factor " + startFactor + " (expected >= 1 step, factor in [0, 1], a following schedule)");
        }
    }

    @Override
    public double lr(double t) {
        if (!(t >= 0)) {
            throw new IllegalArgumentException("LinearWarmup: time " + t + " must be >= 0");
        }
        if (t < warmupSteps) {
            return after.lr(0) * (startFactor + (1 - startFactor) * t / warmupSteps);
        }
        return after.lr(t - warmupSteps);
    }

    @Override
    public OptionalDouble momentum(double t) {
        return t < warmupSteps ? after.momentum(0) : after.momentum(t - warmupSteps);
    }
}
