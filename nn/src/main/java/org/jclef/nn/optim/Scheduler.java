package org.jclef.nn.optim;

/**
 * Drives an optimiser's learning rate (and momentum, for schedules that cycle it) from an
 * {@link LrSchedule}. Its whole state is the number of {@link #step()} calls.
 *
 * <pre>{@code
 * // CLEF pretraining: per epoch
 * Scheduler s = new Scheduler(adamW, new CosineWarmRestarts(1e-4, 10, 2, 1e-6));
 * for (int epoch = 0; epoch < epochs; epoch++) { trainOneEpoch(); s.step(); }
 * // the same schedule per step, 2500 steps per epoch (fractional epochs)
 * Scheduler perStep = new Scheduler(adamW, new CosineWarmRestarts(1e-4, 10, 2, 1e-6), 2500);
 * }</pre>
 */
public final class Scheduler {
    private final Optimizer optimizer;
    private final LrSchedule schedule;
    private final int stepsPerUnit;
    private long steps;

    /** One {@link #step()} per unit of the schedule's time (per epoch, or per step for a per-step schedule). */
    public Scheduler(Optimizer optimizer, LrSchedule schedule) {
        this(optimizer, schedule, 1);
    }

    /**
     * {@code stepsPerUnit} calls of {@link #step()} per unit of the schedule's time: the schedule
     * sees t = steps/stepsPerUnit. Sets the rate for t = 0 at once.
     */
    public Scheduler(Optimizer optimizer, LrSchedule schedule, int stepsPerUnit) {
        if (optimizer == null || schedule == null || stepsPerUnit < 1) {
            throw new IllegalArgumentException("Scheduler: an optimiser, a schedule and stepsPerUnit >= 1 are required");
        }
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.stepsPerUnit = stepsPerUnit;
        apply();
    }

    /** Advances one step and sets the optimiser's rate for the new time. */
    public void step() {
        steps++;
        apply();
    }

    /** Steps taken so far (the state to save). */
    public long steps() {
        return steps;
    }

    /** Restores a saved step count and sets the rate for it. */
    public void setSteps(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("Scheduler: step count " + steps + " must be >= 0");
        }
        this.steps = steps;
        apply();
    }

    /** The schedule's current time, steps/stepsPerUnit. */
    public double time() {
        return (double) steps / stepsPerUnit;
    }

    private void apply() {
        double t = time();
        optimizer.setLearningRate(schedule.lr(t));
        schedule.momentum(t).ifPresent(optimizer::setMomentum);
    }
}
