package org.jclef.autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jclef.tensor.Conv1dGeometry;
import org.jclef.tensor.Pool1dGeometry;
import org.jclef.tensor.ReduceOp;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Finite-difference checks of every primitive in {@link Ops}, on random F64 inputs of several shapes. */
class OpsGradCheckTest {
    private final Inputs in = new Inputs(20240601);

    private static void check(Function<List<Variable>, Variable> f, Tensor... inputs) {
        GradCheck.Result r = GradCheck.check(f, List.of(inputs));
        assertTrue(r.elements() > 0);
    }

    private static void checkUnary(UnaryOperator<Variable> op, Tensor x) {
        check(v -> op.apply(v.get(0)), x);
    }

    // ------------------------------------------------------------------ unary

    @Test
    void unaryOps() {
        int[][] shapes = {{5}, {2, 3}, {2, 3, 4}, {}};
        for (int[] s : shapes) {
            checkUnary(Ops::exp, in.normalish(s));
            checkUnary(Ops::log, in.uniform(0.3, 2, s));
            checkUnary(Ops::sigmoid, in.uniform(-3, 3, s));
            checkUnary(Ops::swish, in.uniform(-3, 3, s));
            checkUnary(Ops::sqrt, in.uniform(0.3, 2, s));
            checkUnary(Ops::relu, in.awayFromZero(s));
            checkUnary(Ops::abs, in.awayFromZero(s));
        }
    }

    @Test
    void affineAndPowScalar() {
        for (int[] s : new int[][] {{7}, {3, 4}, {}}) {
            checkUnary(x -> Ops.affine(x, -2.5, 0.75), in.normalish(s));
            checkUnary(x -> Ops.affine(x, 1, 3), in.normalish(s));
            checkUnary(x -> Ops.powScalar(x, 2), in.normalish(s));
            checkUnary(x -> Ops.powScalar(x, 3), in.normalish(s));
            checkUnary(x -> Ops.powScalar(x, -0.5), in.uniform(0.5, 2, s));
            checkUnary(x -> Ops.powScalar(x, 1.7), in.uniform(0.5, 2, s));
        }
    }

    // ------------------------------------------------------------------ binary with broadcasting

    /** Shape pairs: equal, [N,C,L]·[N,C,1], [N,C,L]+[C,1], trailing vector, scalar, both stretched. */
    private static final int[][][] BROADCAST_PAIRS = {
        {{2, 3}, {2, 3}},
        {{2, 3, 5}, {2, 3, 1}},
        {{2, 3, 5}, {3, 1}},
        {{2, 3, 4}, {4}},
        {{3, 4}, {}},
        {{}, {2, 3}},
        {{3, 1}, {1, 4}},
        {{1, 3, 1}, {2, 1, 4}},
    };

    @Test
    void addSubMulDivWithBroadcasting() {
        for (int[][] pair : BROADCAST_PAIRS) {
            Tensor a = in.normalish(pair[0]), b = in.normalish(pair[1]);
            Tensor positive = in.uniform(0.5, 2, pair[1]);
            check(v -> Ops.add(v.get(0), v.get(1)), a, b);
            check(v -> Ops.sub(v.get(0), v.get(1)), a, b);
            check(v -> Ops.mul(v.get(0), v.get(1)), a, b);
            check(v -> Ops.div(v.get(0), v.get(1)), a, positive);
            check(v -> Ops.div(v.get(1), v.get(0)), positive, a);
        }
    }

    @Test
    void powWithBroadcasting() {
        for (int[][] pair : BROADCAST_PAIRS) {
            check(v -> Ops.pow(v.get(0), v.get(1)), in.uniform(0.5, 2, pair[0]), in.normalish(pair[1]));
        }
    }

    /** Values on two interleaved grids (odd and even multiples of 0.1): a and b never tie. */
    private Tensor grid(boolean odd, int... shape) {
        Tensor t = in.uniform(-5, 5, shape);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, 0.2 * Math.floor(t.getFlat(i)) + (odd ? 0.1 : 0));
        }
        return t;
    }

    @Test
    void maximumAndMinimumWithBroadcasting() {
        for (int[][] pair : BROADCAST_PAIRS) {
            Tensor a = grid(true, pair[0]), b = grid(false, pair[1]);
            check(v -> Ops.maximum(v.get(0), v.get(1)), a, b);
            check(v -> Ops.minimum(v.get(0), v.get(1)), a, b);
        }
    }

    // ------------------------------------------------------------------ reductions

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reduceOverEveryAxis(ReduceOp op) {
        for (int[] s : new int[][] {{6}, {3, 4}, {2, 3, 4}, {2, 1, 3}}) {
            for (int axis = -s.length; axis < s.length; axis++) {
                int ax = axis;
                check(v -> Ops.reduce(op, v.get(0), ax), in.distinct(s));
            }
        }
    }

    // ------------------------------------------------------------------ layout

    @Test
    void reshapeSliceConcat() {
        checkUnary(x -> Ops.reshape(x, 4, -1), in.normalish(2, 3, 2));
        checkUnary(x -> Ops.reshape(x), in.normalish(1, 1));
        checkUnary(x -> Ops.slice(x, 1, 3), in.normalish(4, 3));
        checkUnary(x -> Ops.slice(x, 0, 1), in.normalish(2, 2, 2));
        check(v -> Ops.concat(List.of(v.get(0), v.get(1), v.get(0))),
                in.normalish(2, 3), in.normalish(1, 3));
        check(v -> Ops.concat(List.of(v.get(0))), in.normalish(3));
        // A slice of a concat, with fan-out of one part into two slots.
        check(v -> Ops.mul(Ops.slice(Ops.concat(List.of(v.get(0), v.get(1))), 1, 4), v.get(1)),
                in.normalish(2, 2), in.normalish(3, 2));
    }

    @Test
    void padAxisAndNarrow() {
        Tensor x = in.normalish(2, 3, 5);
        for (int axis = -3; axis < 3; axis++) {
            int ax = axis;
            checkUnary(v -> Ops.padAxis(v, ax, 1, 2), x);
            checkUnary(v -> Ops.padAxis(v, ax, 0, 1), x);
            checkUnary(v -> Ops.narrow(v, ax, 1, 1), x);
            checkUnary(v -> Ops.narrow(v, ax, 0, 2), x);
        }
        checkUnary(v -> Ops.narrow(Ops.padAxis(v, 0, 2, 0), 0, 1, 3), in.normalish(4));
    }

    // ------------------------------------------------------------------ matmul

    @Test
    void matmulEveryRankAndTransposeCombination() {
        int batch = 2, m = 3, k = 4, n = 5;
        for (int rankA = 2; rankA <= 3; rankA++) {
            for (int rankB = 2; rankB <= 3; rankB++) {
                for (boolean ta : new boolean[] {false, true}) {
                    for (boolean tb : new boolean[] {false, true}) {
                        int[] sa = ta ? new int[] {k, m} : new int[] {m, k};
                        int[] sb = tb ? new int[] {n, k} : new int[] {k, n};
                        Tensor a = in.normalish(rankA == 3 ? new int[] {batch, sa[0], sa[1]} : sa);
                        Tensor b = in.normalish(rankB == 3 ? new int[] {batch, sb[0], sb[1]} : sb);
                        check(v -> Ops.matmul(v.get(0), ta, v.get(1), tb), a, b);
                    }
                }
            }
        }
    }

    @Test
    void matmulOfAMatrixWithItself() {
        checkUnary(x -> Ops.matmul(x, false, x, true), in.normalish(3, 4));
        checkUnary(x -> Ops.matmul(x, true, x, false), in.normalish(2, 3, 4));
    }

    // ------------------------------------------------------------------ convolution and pooling

    @ParameterizedTest(name = "groups {0}, C_in {1}, C_out {2}, L {3}, K {4}, stride {5}, pad ({6}, {7})")
    @CsvSource({
        "1, 3, 4, 9, 3, 1, 1, 1",
        "1, 2, 3, 8, 4, 2, 1, 2",
        "1, 1, 2, 7, 16, 2, 7, 8",
        "2, 4, 6, 10, 3, 1, 0, 2",
        "2, 4, 2, 11, 5, 2, 2, 1",
        "4, 8, 8, 9, 3, 2, 1, 1",
        "4, 4, 8, 6, 2, 1, 0, 1",
        "32, 32, 32, 7, 3, 1, 1, 1",
        "32, 32, 64, 8, 3, 2, 1, 0",
    })
    void conv1d(int groups, int cin, int cout, int length, int kernel, int stride, int padLeft, int padRight) {
        Conv1dGeometry g = new Conv1dGeometry(stride, padLeft, padRight, groups);
        Tensor x = in.normalish(2, cin, length);
        Tensor w = in.normalish(cout, cin / groups, kernel);
        Tensor bias = in.normalish(cout);
        check(v -> Ops.conv1d(v.get(0), v.get(1), v.get(2), g), x, w, bias);
        check(v -> Ops.conv1d(v.get(0), v.get(1), null, g), x, w);
    }

    @Test
    void conv1dWithAFrozenWeightStillTrainsBiasAndInput() {
        Conv1dGeometry g = new Conv1dGeometry(2, 1, 2, 2);
        Variable frozen = Variable.constant(in.normalish(4, 2, 3));
        check(v -> Ops.conv1d(v.get(0), frozen, v.get(1), g), in.normalish(2, 4, 9), in.normalish(4));
        Variable input = Variable.constant(in.normalish(2, 4, 9));
        check(v -> Ops.conv1d(input, frozen, v.get(0), g), in.normalish(4));
    }

    @Test
    void maxPool1d() {
        // Net1D's "same" pool: one zero on the right for odd lengths, so the last window is max(x_L, 0).
        Pool1dGeometry zeroPadQuirk = new Pool1dGeometry(2, 2, 0, 1, 0.0);
        for (int length : new int[] {5, 7, 9}) {
            checkUnary(x -> Ops.maxPool1d(x, zeroPadQuirk), in.distinct(2, 3, length));
        }
        Pool1dGeometry plain = new Pool1dGeometry(2, 2, 0, 0, 0.0);
        checkUnary(x -> Ops.maxPool1d(x, plain), in.distinct(2, 2, 8));
        Pool1dGeometry overlapping = new Pool1dGeometry(3, 1, 1, 1, Double.NEGATIVE_INFINITY);
        checkUnary(x -> Ops.maxPool1d(x, overlapping), in.distinct(1, 3, 6));
    }
}
