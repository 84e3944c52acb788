package org.jclef.nn.optim;

import java.util.OptionalDouble;

/**
 * The one-cycle policy (PyTorch's {@code OneCycleLR}), in optimiser steps 0 … totalSteps.
 *
 * <p>Two phases (or three with {@code threePhase}) between initial = maxLr/divFactor, maxLr and
 * min = initial/finalDivFactor: phase 1 ends at step pctStart·totalSteps − 1 (initial → max),
 * the last ends at totalSteps − 1 (max → min); in between, lr = anneal(start, end, pct) with pct
 * the position inside the phase, annealed by cosine (end + (start − end)·(1 + cos πpct)/2) or
 * linearly. With {@code cycleMomentum} the momentum runs the opposite way, maxMomentum →
 * baseMomentum → maxMomentum (PyTorch's default, 0.95/0.85; for Adam it is β₁).
 */
public record OneCycle(double maxLr, int totalSteps, double pctStart, double divFactor, double finalDivFactor,
                       Anneal anneal, boolean threePhase, boolean cycleMomentum, double baseMomentum,
                       double maxMomentum) implements LrSchedule {

    /** How a phase moves between its end points. */
    public enum Anneal {
        COS,
        LINEAR
    }

    public OneCycle {
        if (totalSteps < 1 || !(pctStart > 0 && pctStart < 1) || !(divFactor > 0) || !(finalDivFactor > 0)
                || !(maxLr >= 0) || anneal == null) {
            throw new IllegalArgumentException("OneCycle: invalid max lr=" + maxLr + " total steps=" + totalSteps
                    + " pct_start=" + pctStart + " div_factor=" + divFactor + " final_div_factor=" + finalDivFactor);
        }
    }

    /** PyTorch's defaults: pct_start 0.3, div_factor 25, final_div_factor 1e4, cosine, two phases, momentum 0.85–0.95. */
    public static OneCycle of(double maxLr, int totalSteps) {
        return new OneCycle(maxLr, totalSteps, 0.3, 25, 1e4, Anneal.COS, false, true, 0.85, 0.95);
    }

    private record Phase(double endStep, double startLr, double endLr, double startMomentum, double endMomentum) {
    }

    private Phase[] phases() {
        double initial = maxLr / divFactor;
        double min = initial / finalDivFactor;
        double rise = pctStart * totalSteps - 1;
        if (threePhase) {
            return new Phase[] {
                new Phase(rise, initial, maxLr, maxMomentum, baseMomentum),
                new Phase(2 * pctStart * totalSteps - 2, maxLr, initial, baseMomentum, maxMomentum),
                new Phase(totalSteps - 1, initial, min, maxMomentum, maxMomentum)};
        }
        return new Phase[] {
            new Phase(rise, initial, maxLr, maxMomentum, baseMomentum),
            new Phase(totalSteps - 1, maxLr, min, baseMomentum, maxMomentum)};
    }

    @Override
    public double lr(double t) {
        return evaluate(t, false);
    }

    @Override
    public OptionalDouble momentum(double t) {
        return cycleMomentum ? OptionalDouble.of(evaluate(t, true)) : OptionalDouble.empty();
    }

    private double evaluate(double t, boolean momentum) {
        if (!(t >= 0) || t > totalSteps) {
            throw new IllegalArgumentException("OneCycle: step " + t + " is outside [0, " + totalSteps + "]");
        }
        Phase[] phases = phases();
        double startStep = 0;
        for (int i = 0; i < phases.length; i++) {
            Phase phase = phases[i];
            if (t <= phase.endStep() || i == phases.length - 1) {
                double pct = (t - startStep) / (phase.endStep() - startStep);
                return momentum ? anneal(phase.startMomentum(), phase.endMomentum(), pct)
                        : anneal(phase.startLr(), phase.endLr(), pct);
            }
            startStep = phase.endStep();
        }
        throw new AssertionError("unreachable: the last phase always matches");
    }

    private double anneal(double start, double end, double pct) {
        return switch (anneal) {
            case COS -> end + (start - end) / 2 * (Math.cos(Math.PI * pct) + 1);
            case LINEAR -> (end - start) * pct + start;
        };
    }
}
