package org.jclef.nn.optim;

/**
 * Cosine annealing with warm restarts (SGDR; PyTorch's {@code CosineAnnealingWarmRestarts}).
 *
 * <p>Cycles of lengths T₀, T₀·T_mult, T₀·T_mult², …; within a cycle of length T_i, after T_cur
 * units, lr = η_min + (lr₀ − η_min)·(1 + cos(π·T_cur/T_i))/2. CLEF pretraining steps it per epoch
 * with T₀ = 10, T_mult = 2, η_min = 1e−6: restarts at epochs 10, 30, 70, 150. For per-step use,
 * pass the fractional epoch (a {@link Scheduler} with steps per epoch does that). The cycle is
 * found by summing cycle lengths, not with PyTorch's logarithm, so a restart falls exactly on its
 * epoch.
 */
public record CosineWarmRestarts(double baseLr, int t0, int tMult, double etaMin) implements LrSchedule {

    public CosineWarmRestarts {
        if (t0 < 1 || tMult < 1 || !(baseLr >= 0) || !(etaMin >= 0)) {
            throw new IllegalArgumentException("CosineWarmRestarts: invalid T0=" + t0 + " T_mult=" + tMult
                    + " base lr=" + baseLr + " eta_min=" + etaMin + " (expected T0 >= 1, T_mult >= 1, rates >= 0)");
        }
    }

    @Override
    public double lr(double t) {
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("CosineWarmRestarts: time " + t + " must be finite and >= 0");
        }
        double cycleStart = 0;
        double cycleLength = t0;
        if (tMult == 1) {
            cycleStart = Math.floor(t / t0) * t0;
        } else {
            while (t >= cycleStart + cycleLength) {
                cycleStart += cycleLength;
                cycleLength *= tMult;
            }
        }
        double tCur = t - cycleStart;
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * tCur / cycleLength)) / 2;
    }
}
