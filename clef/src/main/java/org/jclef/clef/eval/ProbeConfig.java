package org.jclef.clef.eval;

import java.util.Arrays;

/**
 * Settings of a {@link LinearProbe}.
 *
 * @param cGrid inverse regularisation strengths C tried for logistic regression (scikit-learn's
 *        C: the loss is summed over samples and the penalty is ‖W‖²/(2C))
 * @param alphaGrid L2 penalties α tried for ridge regression (Σ squared errors + α‖w‖²)
 * @param criterion how the validation split chooses C or α
 * @param macroRule how undefined columns enter the test macro averages
 * @param solver L-BFGS settings of the logistic fits
 * @param bootstrap confidence intervals of the test metrics
 */
public record ProbeConfig(double[] cGrid, double[] alphaGrid, SelectionCriterion criterion, MacroRule macroRule,
                          Lbfgs.Settings solver, BootstrapConfig bootstrap) {

    /**
     * C ∈ {1e−4, 1e−3, …, 1e4}, α ∈ {1e−2, 1e−1, …, 1e6}, validation loss, STRICT macro averages
     * (spec §7.4), the default solver and 1000 bootstrap resamples with seed 42.
     */
    public static final ProbeConfig DEFAULT = new ProbeConfig(decades(-4, 4), decades(-2, 6), SelectionCriterion.LOSS,
            MacroRule.STRICT, Lbfgs.Settings.DEFAULT, BootstrapConfig.DEFAULT);

    public ProbeConfig {
        cGrid = checkGrid(cGrid, "cGrid");
        alphaGrid = checkGrid(alphaGrid, "alphaGrid");
    }

    public ProbeConfig withCGrid(double... grid) {
        return new ProbeConfig(grid, alphaGrid, criterion, macroRule, solver, bootstrap);
    }

    public ProbeConfig withAlphaGrid(double... grid) {
        return new ProbeConfig(cGrid, grid, criterion, macroRule, solver, bootstrap);
    }

    public ProbeConfig withCriterion(SelectionCriterion value) {
        return new ProbeConfig(cGrid, alphaGrid, value, macroRule, solver, bootstrap);
    }

    public ProbeConfig withMacroRule(MacroRule value) {
        return new ProbeConfig(cGrid, alphaGrid, criterion, value, solver, bootstrap);
    }

    public ProbeConfig withSolver(Lbfgs.Settings value) {
        return new ProbeConfig(cGrid, alphaGrid, criterion, macroRule, value, bootstrap);
    }

    public ProbeConfig withBootstrap(BootstrapConfig value) {
        return new ProbeConfig(cGrid, alphaGrid, criterion, macroRule, solver, value);
    }

    @Override
    public double[] cGrid() {
        return cGrid.clone();
    }

    @Override
    public double[] alphaGrid() {
        return alphaGrid.clone();
    }

    /** 10^from, 10^(from+1), …, 10^to. */
    public static double[] decades(int from, int to) {
        double[] grid = new double[to - from + 1];
        for (int e = from; e <= to; e++) {
            grid[e - from] = Double.parseDouble("1e" + e);
        }
        return grid;
    }

    /** A sorted, duplicate-free copy of a grid of finite positive values. */
    private static double[] checkGrid(double[] grid, String name) {
        if (grid == null || grid.length == 0) {
            throw new IllegalArgumentException("ProbeConfig: " + name + " must not be empty");
        }
        double[] sorted = grid.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (!(sorted[i] > 0) || !Double.isFinite(sorted[i])) {
                throw new IllegalArgumentException("ProbeConfig: " + name + " values must be finite and > 0, got "
                        + Arrays.toString(grid));
            }
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("ProbeConfig: " + name + " repeats " + sorted[i]);
            }
        }
        return sorted;
    }
}
