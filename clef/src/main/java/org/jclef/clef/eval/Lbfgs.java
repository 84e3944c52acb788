package org.jclef.clef.eval;

/**
 * Limited-memory BFGS minimisation of a smooth function, with a strong-Wolfe line search (cubic
 * interpolation; Nocedal and Wright, Numerical Optimization, algorithms 3.5, 3.6 and 7.4).
 * Deterministic: no randomness, and the caller's objective decides its own summation order.
 *
 * <p>Stops at the first of: the largest absolute gradient entry ≤
 * {@link Settings#gradientTolerance}; a relative decrease (f_prev − f) / max(|f_prev|, |f|, 1) ≤
 * {@link Settings#functionTolerance}; {@link Settings#maxIterations} iterations; or a line search
 * that finds no acceptable step even along the steepest descent (the objective's rounding noise
 * is then larger than the remaining decrease).
 *
 * <pre>{@code
 * Lbfgs.Result r = Lbfgs.minimize((x, g) -> {       // f(x) = (x0 − 3)² + 10·x1²
 *     g[0] = 2 * (x[0] - 3);
 *     g[1] = 20 * x[1];
 *     return (x[0] - 3) * (x[0] - 3) + 10 * x[1] * x[1];
 * }, new double[] {0, 1}, Lbfgs.Settings.DEFAULT);
 * // r.x() ≈ {3, 0}, r.status() == GRADIENT_TOLERANCE
 * }</pre>
 */
public final class Lbfgs {
    private static final double ARMIJO = 1e-4;
    private static final double CURVATURE = 0.9;

    /** f(x); writes ∇f(x) into {@code gradient} (same length as x, overwritten). */
    @FunctionalInterface
    public interface Objective {
        double evaluate(double[] x, double[] gradient);
    }

    /**
     * @param maxIterations iteration budget (each iteration is one line search)
     * @param memory number of correction pairs kept (scipy's maxcor; 10)
     * @param gradientTolerance stop when max |∂f/∂xᵢ| ≤ this
     * @param functionTolerance stop when the relative decrease of f is ≤ this
     * @param maxLineSearch evaluations allowed per line search
     */
    public record Settings(int maxIterations, int memory, double gradientTolerance, double functionTolerance,
                           int maxLineSearch) {
        /**
         * 1000 iterations, memory 10, gradient tolerance 1e-8, function tolerance 64·ε (as
         * scikit-learn passes to scipy), 20 evaluations per line search (scipy's maxls).
         */
        public static final Settings DEFAULT = new Settings(1000, 10, 1e-8, 64 * Math.ulp(1.0), 20);

        public Settings {
            if (maxIterations < 1 || memory < 1 || maxLineSearch < 1 || !(gradientTolerance >= 0)
                    || !(functionTolerance >= 0)) {
                throw new IllegalArgumentException("Lbfgs.Settings: expected maxIterations, memory, maxLineSearch >= 1 "
                        + "and tolerances >= 0, got " + maxIterations + ", " + memory + ", " + maxLineSearch + ", "
                        + gradientTolerance + ", " + functionTolerance);
            }
        }

        public Settings withMaxIterations(int iterations) {
            return new Settings(iterations, memory, gradientTolerance, functionTolerance, maxLineSearch);
        }

        public Settings withGradientTolerance(double tolerance) {
            return new Settings(maxIterations, memory, tolerance, functionTolerance, maxLineSearch);
        }
    }

    /** Why the minimisation stopped. */
    public enum Status {
        GRADIENT_TOLERANCE, FUNCTION_TOLERANCE, MAX_ITERATIONS, LINE_SEARCH_FAILED;

        /** Whether the status is one of the two tolerance criteria. */
        public boolean converged() {
            return this == GRADIENT_TOLERANCE || this == FUNCTION_TOLERANCE;
        }
    }

    /**
     * @param x the final point
     * @param value f(x)
     * @param gradientNorm max |∂f/∂xᵢ| at x
     */
    public record Result(double[] x, double value, double gradientNorm, int iterations, int evaluations,
                         Status status) {
    }

    private Lbfgs() {
    }

    /** Minimises f from x0 (not modified). */
    public static Result minimize(Objective f, double[] x0, Settings settings) {
        int n = x0.length;
        int m = settings.memory();
        double[][] s = new double[m][n];
        double[][] y = new double[m][n];
        double[] rho = new double[m];
        double[] alpha = new double[m];
        int stored = 0;
        int newest = -1;

        double[] x = x0.clone();
        double[] g = new double[n];
        double fx = f.evaluate(x, g);
        checkFinite(fx, g, "the starting point");
        Search search = new Search(f, n, settings.maxLineSearch());
        double[] d = new double[n];
        int iterations = 0;
        Status status = null;
        while (status == null) {
            if (maxAbs(g) <= settings.gradientTolerance()) {
                status = Status.GRADIENT_TOLERANCE;
                break;
            }
            if (iterations >= settings.maxIterations()) {
                status = Status.MAX_ITERATIONS;
                break;
            }
            direction(g, s, y, rho, alpha, stored, newest, d);
            double step = stored == 0 ? 1 / Math.sqrt(dot(g, g)) : 1;
            boolean found = search.run(x, fx, g, d, step);
            if (!found && stored > 0) {
                stored = 0;
                newest = -1;
                direction(g, s, y, rho, alpha, 0, -1, d);
                found = search.run(x, fx, g, d, 1 / Math.sqrt(dot(g, g)));
            }
            if (!found) {
                status = Status.LINE_SEARCH_FAILED;
                break;
            }
            iterations++;
            int slot = (newest + 1) % m;
            double sy = 0;
            double yy = 0;
            for (int i = 0; i < n; i++) {
                s[slot][i] = search.x[i] - x[i];
                y[slot][i] = search.g[i] - g[i];
                sy += s[slot][i] * y[slot][i];
                yy += y[slot][i] * y[slot][i];
            }
            if (sy > Math.ulp(1.0) * yy) {
                rho[slot] = 1 / sy;
                newest = slot;
                stored = Math.min(stored + 1, m);
            }
            double previous = fx;
            System.arraycopy(search.x, 0, x, 0, n);
            System.arraycopy(search.g, 0, g, 0, n);
            fx = search.f;
            if (previous - fx <= settings.functionTolerance() * Math.max(Math.max(Math.abs(previous), Math.abs(fx)), 1)) {
                status = maxAbs(g) <= settings.gradientTolerance() ? Status.GRADIENT_TOLERANCE
                        : Status.FUNCTION_TOLERANCE;
            }
        }
        return new Result(x, fx, maxAbs(g), iterations, search.evaluations + 1, status);
    }

    /** d = −H·g by the two-loop recursion, with H₀ = (s·y / y·y)·I from the newest pair. */
    private static void direction(double[] g, double[][] s, double[][] y, double[] rho, double[] alpha,
                                  int stored, int newest, double[] d) {
        int m = s.length;
        for (int i = 0; i < d.length; i++) {
            d[i] = -g[i];
        }
        for (int k = 0; k < stored; k++) {
            int j = Math.floorMod(newest - k, m);
            alpha[j] = rho[j] * dot(s[j], d);
            axpy(-alpha[j], y[j], d);
        }
        if (stored > 0) {
            double yy = dot(y[newest], y[newest]);
            double gamma = 1 / (rho[newest] * yy);
            for (int i = 0; i < d.length; i++) {
                d[i] *= gamma;
            }
        }
        for (int k = stored - 1; k >= 0; k--) {
            int j = Math.floorMod(newest - k, m);
            double beta = rho[j] * dot(y[j], d);
            axpy(alpha[j] - beta, s[j], d);
        }
    }

    /** Strong-Wolfe line search along d; on success the accepted point is in x, f, g. */
    private static final class Search {
        final Objective objective;
        final int maxEvaluations;
        final double[] x;
        final double[] g;
        double f;
        int evaluations;

        Search(Objective objective, int n, int maxEvaluations) {
            this.objective = objective;
            this.maxEvaluations = maxEvaluations;
            this.x = new double[n];
            this.g = new double[n];
        }

        boolean run(double[] x0, double f0, double[] g0, double[] d, double step) {
            double slope0 = dot(g0, d);
            if (!(slope0 < 0)) {
                return false;
            }
            double previousStep = 0;
            double previousF = f0;
            double previousSlope = slope0;
            double a = step;
            for (int k = 0; k < maxEvaluations; k++) {
                double fa = at(x0, d, a);
                double slope = dot(g, d);
                if (fa > f0 + ARMIJO * a * slope0 || (k > 0 && fa >= previousF)) {
                    return zoom(x0, f0, slope0, d, previousStep, previousF, previousSlope, a, fa, slope,
                            maxEvaluations - k - 1);
                }
                if (Math.abs(slope) <= -CURVATURE * slope0) {
                    return true;
                }
                if (slope >= 0) {
                    return zoom(x0, f0, slope0, d, a, fa, slope, previousStep, previousF, previousSlope,
                            maxEvaluations - k - 1);
                }
                previousStep = a;
                previousF = fa;
                previousSlope = slope;
                a *= 2;
            }
            return false;
        }

        /** Narrows [lo, hi] (lo satisfies Armijo and has the lower f) until a step is acceptable. */
        private boolean zoom(double[] x0, double f0, double slope0, double[] d, double lo, double fLo,
                             double slopeLo, double hi, double fHi, double slopeHi, int budget) {
            for (int k = 0; k < budget; k++) {
                double a = cubicMinimizer(lo, fLo, slopeLo, hi, fHi, slopeHi);
                double fa = at(x0, d, a);
                double slope = dot(g, d);
                if (fa > f0 + ARMIJO * a * slope0 || fa >= fLo) {
                    hi = a;
                    fHi = fa;
                    slopeHi = slope;
                } else {
                    if (Math.abs(slope) <= -CURVATURE * slope0) {
                        return true;
                    }
                    if (slope * (hi - lo) >= 0) {
                        hi = lo;
                        fHi = fLo;
                        slopeHi = slopeLo;
                    }
                    lo = a;
                    fLo = fa;
                    slopeLo = slope;
                }
                if (Math.abs(hi - lo) <= Math.ulp(Math.max(Math.abs(lo), Math.abs(hi))) * 4) {
                    break;
                }
            }
            if (lo > 0 && fLo < f0) {
                at(x0, d, lo);
                return true;
            }
            return false;
        }

        private double at(double[] x0, double[] d, double a) {
            for (int i = 0; i < x.length; i++) {
                x[i] = x0[i] + a * d[i];
            }
            f = objective.evaluate(x, g);
            evaluations++;
            checkFinite(f, g, "step " + a + " of a line search");
            return f;
        }
    }

    /**
     * The minimiser of the cubic through (a, fa, da) and (b, fb, db), kept at least 10 % of the
     * interval away from both ends; the midpoint when the cubic has no minimiser there.
     */
    static double cubicMinimizer(double a, double fa, double da, double b, double fb, double db) {
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        double margin = 0.1 * (hi - lo);
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double radicand = d1 * d1 - da * db;
        double t = Double.NaN;
        if (radicand >= 0) {
            double d2 = Math.copySign(Math.sqrt(radicand), b - a);
            t = b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
        }
        if (!(t >= lo + margin && t <= hi - margin)) {
            return Double.isFinite(t) ? Math.min(Math.max(t, lo + margin), hi - margin) : (lo + hi) / 2;
        }
        return t;
    }

    private static void checkFinite(double f, double[] g, String where) {
        if (!Double.isFinite(f)) {
            throw new IllegalStateException("Lbfgs: the objective is " + f + " at " + where);
        }
        for (int i = 0; i < g.length; i++) {
            if (!Double.isFinite(g[i])) {
                throw new IllegalStateException("Lbfgs: gradient entry " + i + " is " + g[i] + " at " + where);
            }
        }
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += alpha * x[i];
        }
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double e : v) {
            max = Math.max(max, Math.abs(e));
        }
        return max;
    }
}
