package org.jclef.tensor;

/**
 * The reference backend: plain loops, written to be read and trusted rather than to be fast.
 *
 * <p>Every operation reads its operands into {@code double[]} copies, computes in double
 * precision and rounds once when it stores the result. It therefore serves both as the oracle the
 * fast backends are tested against and as the only backend that computes {@link DType#F64}
 * (the fast backends delegate F64 tensors here).
 */
public final class ScalarBackend implements Backend {

    @Override
    public String name() {
        return "scalar";
    }

    // ------------------------------------------------------------------ elementwise

    @Override
    public void unary(UnaryOp op, Tensor x, Tensor out) {
        OpChecks.requireSameShape("unary " + op, x, out);
        double[] v = read(x);
        for (int i = 0; i < v.length; i++) {
            v[i] = apply(op, v[i]);
        }
        write(v, out);
    }

    static double apply(UnaryOp op, double x) {
        return switch (op) {
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SIGMOID -> sigmoid(x);
            case SWISH -> x * sigmoid(x);
            case SQRT -> Math.sqrt(x);
            case RELU -> x > 0 ? x : 0;
            case ABS -> Math.abs(x);
        };
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Override
    public void unaryBackward(UnaryOp op, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        OpChecks.requireSameShape("unaryBackward " + op, x, y);
        OpChecks.requireSameShape("unaryBackward " + op, x, dy);
        OpChecks.requireSameShape("unaryBackward " + op, x, dx);
        double[] xv = read(x), yv = read(y), g = read(dy);
        for (int i = 0; i < g.length; i++) {
            g[i] *= derivative(op, xv[i], yv[i]);
        }
        accumulate(g, dx);
    }

    static double derivative(UnaryOp op, double x, double y) {
        return switch (op) {
            case EXP -> y;
            case LOG -> 1 / x;
            case SIGMOID -> y * (1 - y);
            case SWISH -> {
                double s = sigmoid(x);
                yield s * (1 + x * (1 - s));
            }
            case SQRT -> 0.5 / y;
            case RELU -> x > 0 ? 1 : 0;
            case ABS -> Math.signum(x);
        };
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        int[] shape = OpChecks.binary(op, a, b, out);
        int[] sa = Shapes.broadcastStrides(a.shape(), shape);
        int[] sb = Shapes.broadcastStrides(b.shape(), shape);
        double[] av = read(a), bv = read(b);
        double[] result = new double[out.size()];
        int[] index = new int[shape.length];
        for (int i = 0; i < result.length; i++) {
            int ia = 0, ib = 0;
            for (int d = 0; d < shape.length; d++) {
                ia += index[d] * sa[d];
                ib += index[d] * sb[d];
            }
            result[i] = apply(op, av[ia], bv[ib]);
            increment(index, shape);
        }
        write(result, out);
    }

    static double apply(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
            case MAX -> a >= b ? a : b;
            case MIN -> a <= b ? a : b;
        };
    }

    @Override
    public void affine(Tensor x, double scale, double shift, Tensor out) {
        OpChecks.requireSameShape("affine", x, out);
        double[] v = read(x);
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * v[i] + shift;
        }
        write(v, out);
    }

    @Override
    public void powScalar(Tensor x, double exponent, Tensor out) {
        OpChecks.requireSameShape("powScalar", x, out);
        double[] v = read(x);
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.pow(v[i], exponent);
        }
        write(v, out);
    }

    @Override
    public void fill(Tensor out, double value) {
        out.fill(value);
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        OpChecks.requireSameShape("copy", src, dst);
        write(read(src), dst);
    }

    // ------------------------------------------------------------------ reductions

    @Override
    public void reduce(ReduceOp op, Tensor x, int axis, Tensor out) {
        int[] d = OpChecks.reduce(op, x, axis, out);
        int outer = d[0], n = d[1], inner = d[2];
        double[] v = read(x);
        double[] result = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                result[o * inner + i] = reduceLine(op, v, base, n, inner);
            }
        }
        write(result, out);
    }

    private static double reduceLine(ReduceOp op, double[] v, int base, int n, int stride) {
        switch (op) {
            case SUM, MEAN -> {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += v[base + j * stride];
                }
                return op == ReduceOp.SUM ? sum : sum / n;
            }
            case MAX, MIN -> {
                double best = v[base];
                for (int j = 1; j < n; j++) {
                    double e = v[base + j * stride];
                    best = op == ReduceOp.MAX ? Math.max(best, e) : Math.min(best, e);
                }
                return best;
            }
            case LOG_SUM_EXP -> {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    max = Math.max(max, v[base + j * stride]);
                }
                if (Double.isInfinite(max)) {
                    return max;
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += Math.exp(v[base + j * stride] - max);
                }
                return max + Math.log(sum);
            }
            default -> throw new AssertionError(op);
        }
    }

    @Override
    public void addReduced(Tensor x, Tensor out) {
        OpChecks.addReduced(x, out);
        int[] shape = x.shape();
        int[] so = Shapes.broadcastStrides(out.shape(), shape);
        double[] v = read(x);
        double[] sum = new double[out.size()];
        int[] index = new int[shape.length];
        for (double e : v) {
            int io = 0;
            for (int d = 0; d < shape.length; d++) {
                io += index[d] * so[d];
            }
            sum[io] += e;
            increment(index, shape);
        }
        accumulate(sum, out);
    }

    // ------------------------------------------------------------------ linear algebra

    @Override
    public void matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB, Tensor c, boolean accumulate) {
        MatmulShape s = MatmulShape.of(a, transposeA, b, transposeB, c);
        double[] av = read(a), bv = read(b);
        double[] result = new double[c.size()];
        for (int batch = 0; batch < s.batch(); batch++) {
            int aBase = s.aBatched() ? batch * s.m() * s.k() : 0;
            int bBase = s.bBatched() ? batch * s.k() * s.n() : 0;
            int cBase = batch * s.m() * s.n();
            for (int i = 0; i < s.m(); i++) {
                for (int j = 0; j < s.n(); j++) {
                    double sum = 0;
                    for (int p = 0; p < s.k(); p++) {
                        double ae = transposeA ? av[aBase + p * s.m() + i] : av[aBase + i * s.k() + p];
                        double be = transposeB ? bv[bBase + j * s.k() + p] : bv[bBase + p * s.n() + j];
                        sum += ae * be;
                    }
                    result[cBase + i * s.n() + j] = sum;
                }
            }
        }
        if (accumulate) {
            accumulate(result, c);
        } else {
            write(result, c);
        }
    }

    // ------------------------------------------------------------------ convolution

    @Override
    public void conv1dForward(Tensor x, Tensor w, Tensor bias, Conv1dGeometry g, Tensor y) {
        int[] d = g.check(x, w, bias, y);
        int n = d[0], cin = d[1], lin = d[2], cout = d[3], k = d[4], lout = d[5];
        int cinG = cin / g.groups(), coutG = cout / g.groups();
        double[] xv = read(x), wv = read(w), bv = bias == null ? null : read(bias);
        double[] result = new double[y.size()];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < cout; o++) {
                int group = o / coutG;
                for (int t = 0; t < lout; t++) {
                    double sum = bv == null ? 0 : bv[o];
                    for (int c = 0; c < cinG; c++) {
                        int xRow = (b * cin + group * cinG + c) * lin;
                        int wRow = (o * cinG + c) * k;
                        for (int j = 0; j < k; j++) {
                            int pos = t * g.stride() + j - g.padLeft();
                            if (pos >= 0 && pos < lin) {
                                sum += wv[wRow + j] * xv[xRow + pos];
                            }
                        }
                    }
                    result[(b * cout + o) * lout + t] = sum;
                }
            }
        }
        write(result, y);
    }

    @Override
    public void conv1dBackwardData(Tensor dy, Tensor w, Conv1dGeometry g, Tensor dx) {
        int[] d = g.check(dx, w, null, dy);
        int n = d[0], cin = d[1], lin = d[2], cout = d[3], k = d[4], lout = d[5];
        int cinG = cin / g.groups(), coutG = cout / g.groups();
        double[] gy = read(dy), wv = read(w);
        double[] result = new double[dx.size()];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < cout; o++) {
                int group = o / coutG;
                for (int t = 0; t < lout; t++) {
                    double grad = gy[(b * cout + o) * lout + t];
                    for (int c = 0; c < cinG; c++) {
                        int xRow = (b * cin + group * cinG + c) * lin;
                        int wRow = (o * cinG + c) * k;
                        for (int j = 0; j < k; j++) {
                            int pos = t * g.stride() + j - g.padLeft();
                            if (pos >= 0 && pos < lin) {
                                result[xRow + pos] += wv[wRow + j] * grad;
                            }
                        }
                    }
                }
            }
        }
        accumulate(result, dx);
    }

    @Override
    public void conv1dBackwardWeight(Tensor dy, Tensor x, Conv1dGeometry g, Tensor dw, Tensor dbias) {
        int[] d = g.check(x, dw, dbias, dy);
        int n = d[0], cin = d[1], lin = d[2], cout = d[3], k = d[4], lout = d[5];
        int cinG = cin / g.groups(), coutG = cout / g.groups();
        double[] gy = read(dy), xv = read(x);
        double[] gw = new double[dw.size()];
        double[] gb = new double[cout];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < cout; o++) {
                int group = o / coutG;
                for (int t = 0; t < lout; t++) {
                    double grad = gy[(b * cout + o) * lout + t];
                    gb[o] += grad;
                    for (int c = 0; c < cinG; c++) {
                        int xRow = (b * cin + group * cinG + c) * lin;
                        int wRow = (o * cinG + c) * k;
                        for (int j = 0; j < k; j++) {
                            int pos = t * g.stride() + j - g.padLeft();
                            if (pos >= 0 && pos < lin) {
                                gw[wRow + j] += xv[xRow + pos] * grad;
                            }
                        }
                    }
                }
            }
        }
        accumulate(gw, dw);
        if (dbias != null) {
            accumulate(gb, dbias);
        }
    }

    // ------------------------------------------------------------------ pooling and layout

    @Override
    public void maxPool1dForward(Tensor x, Pool1dGeometry g, Tensor y) {
        int[] d = OpChecks.pool(x, g, y);
        int rows = d[0], lin = d[1], lout = d[2];
        double[] v = read(x);
        double[] result = new double[y.size()];
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < lout; t++) {
                result[r * lout + t] = windowMax(v, r * lin, lin, t, g)[0];
            }
        }
        write(result, y);
    }

    @Override
    public void maxPool1dBackward(Tensor x, Tensor dy, Pool1dGeometry g, Tensor dx) {
        int[] d = OpChecks.pool(x, g, dy);
        OpChecks.requireSameShape("maxPool1dBackward", x, dx);
        int rows = d[0], lin = d[1], lout = d[2];
        double[] v = read(x), gy = read(dy);
        double[] result = new double[dx.size()];
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < lout; t++) {
                int pos = (int) windowMax(v, r * lin, lin, t, g)[1];
                if (pos >= 0) {
                    result[r * lin + pos] += gy[r * lout + t];
                }
            }
        }
        accumulate(result, dx);
    }

    /** {max, position of the first maximum in the row, or −1 if it is a padded position}. */
    private static double[] windowMax(double[] v, int rowBase, int lin, int t, Pool1dGeometry g) {
        double best = Double.NaN;
        int bestPos = -1;
        for (int j = 0; j < g.kernel(); j++) {
            int pos = t * g.stride() + j - g.padLeft();
            boolean inside = pos >= 0 && pos < lin;
            double e = inside ? v[rowBase + pos] : g.padValue();
            if (j == 0 || e > best) {
                best = e;
                bestPos = inside ? pos : -1;
            }
        }
        return new double[] {best, bestPos};
    }

    @Override
    public void padAxis(Tensor x, int axis, int start, Tensor out) {
        AxisWindow w = AxisWindow.of("padAxis", x, axis, start, out);
        double[] v = read(x);
        double[] result = new double[out.size()];
        for (int o = 0; o < w.outer(); o++) {
            System.arraycopy(v, o * w.smallRow(), result, o * w.bigRow() + w.start() * w.inner(), w.smallRow());
        }
        write(result, out);
    }

    @Override
    public void narrowAxisBackward(Tensor dOut, int axis, int start, Tensor dx) {
        AxisWindow w = AxisWindow.of("narrowAxisBackward", dx, axis, start, dOut);
        double[] g = read(dOut);
        double[] result = new double[dx.size()];
        for (int o = 0; o < w.outer(); o++) {
            System.arraycopy(g, o * w.bigRow() + w.start() * w.inner(), result, o * w.smallRow(), w.smallRow());
        }
        accumulate(result, dx);
    }

    // ------------------------------------------------------------------ optimisation

    @Override
    public void adamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v, AdamStep s) {
        OpChecks.requireSameShape("adamUpdate", param, grad);
        OpChecks.requireSameShape("adamUpdate", param, m);
        OpChecks.requireSameShape("adamUpdate", param, v);
        double[] p = read(param), g = read(grad), mv = read(m), vv = read(v);
        double c1 = 1 - Math.pow(s.beta1(), s.step());
        double c2 = 1 - Math.pow(s.beta2(), s.step());
        for (int i = 0; i < p.length; i++) {
            double gi = g[i];
            if (s.decoupled()) {
                p[i] -= s.lr() * s.weightDecay() * p[i];
            } else {
                gi += s.weightDecay() * p[i];
            }
            mv[i] = s.beta1() * mv[i] + (1 - s.beta1()) * gi;
            vv[i] = s.beta2() * vv[i] + (1 - s.beta2()) * gi * gi;
            double mHat = mv[i] / c1;
            double vHat = vv[i] / c2;
            p[i] -= s.lr() * mHat / (Math.sqrt(vHat) + s.eps());
        }
        write(p, param);
        write(mv, m);
        write(vv, v);
    }

    // ------------------------------------------------------------------ helpers

    /** A double copy of the tensor's elements, in row-major order. */
    private static double[] read(Tensor t) {
        return t.toDoubleArray();
    }

    /** Stores {@code values} into {@code out}, rounding once for F32. */
    private static void write(double[] values, Tensor out) {
        if (out.dtype() == DType.F64) {
            System.arraycopy(values, 0, out.doubles(), out.offset(), values.length);
        } else {
            float[] f = out.floats();
            for (int i = 0; i < values.length; i++) {
                f[out.offset() + i] = (float) values[i];
            }
        }
    }

    /** {@code out += values}, in the output's precision. */
    private static void accumulate(double[] values, Tensor out) {
        if (out.dtype() == DType.F64) {
            double[] d = out.doubles();
            for (int i = 0; i < values.length; i++) {
                d[out.offset() + i] += values[i];
            }
        } else {
            float[] f = out.floats();
            for (int i = 0; i < values.length; i++) {
                f[out.offset() + i] = (float) (f[out.offset() + i] + values[i]);
            }
        }
    }

    private static void increment(int[] index, int[] shape) {
        for (int d = shape.length - 1; d >= 0; d--) {
            if (++index[d] < shape[d]) {
                return;
            }
            index[d] = 0;
        }
    }
}
