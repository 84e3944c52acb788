package org.jclef.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jclef.tensor.io.Fixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity of every backend with PyTorch on the fixtures of {@code tools/torch-fixtures/generate.py}:
 * conv1d forward / backward-data / backward-weight and bias, matmul and its two gradients, swish and
 * sigmoid forward/backward, max-pool forward/backward.
 *
 * <p>Runs on the scalar backend always, plus {@link Backends#current()} when that is another one.
 * F32 runs compute from the stored float32 inputs and are held to a relative error of
 * {@value #F32_TOLERANCE} against the float64 PyTorch reference; F64 runs widen the same inputs
 * and are held to {@value #F64_TOLERANCE}. The error of a tensor is max|a − b| / max|b| (b the
 * reference; max|a − b| alone when b is all zeros). Each backward is called twice on the same
 * output, and the second result must equal twice the reference: backward ops accumulate.
 * The measured maxima are printed at the end.
 */
class TorchParityTest {
    static final double F32_TOLERANCE = 1e-5;
    static final double F64_TOLERANCE = 1e-12;

    private static final Map<String, Double> WORST = new ConcurrentSkipListMap<>();

    static Stream<Arguments> runs() {
        List<Backend> backends = new ArrayList<>();
        backends.add(new ScalarBackend());
        Backend current = Backends.current();
        if (!current.name().equals("scalar")) {
            backends.add(current);
        }
        return backends.stream().flatMap(b -> Stream.of(Arguments.of(b, DType.F32), Arguments.of(b, DType.F64)));
    }

    // ------------------------------------------------------------------ conv1d

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void conv1d(Backend backend, DType dtype) {
        List<Fixture.Case> cases = Fixture.load("fixtures/conv1d.safetensors").cases("conv1d");
        assertFalse(cases.isEmpty());
        for (Fixture.Case c : cases) {
            Check check = new Check(backend, dtype, "conv1d", c);
            Tensor x = check.input("x"), w = check.input("w"), dy = check.input("dy");
            Tensor b = c.boolParam("bias") ? check.input("b") : null;
            Conv1dGeometry g = new Conv1dGeometry(c.intParam("stride"), c.intParam("pad_left"),
                    c.intParam("pad_right"), c.intParam("groups"));

            check.forward("y", y -> backend.conv1dForward(x, w, b, g, y));
            check.backward("dx", dx -> backend.conv1dBackwardData(dy, w, g, dx));
            if (b == null) {
                check.backward("dw", dw -> backend.conv1dBackwardWeight(dy, x, g, dw, null));
            } else {
                check.backward("dw", "db", (dw, db) -> backend.conv1dBackwardWeight(dy, x, g, dw, db));
            }
            check.print();
        }
    }

    // ------------------------------------------------------------------ matmul

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void matmul(Backend backend, DType dtype) {
        List<Fixture.Case> cases = Fixture.load("fixtures/matmul.safetensors").cases("matmul");
        assertFalse(cases.isEmpty());
        for (Fixture.Case c : cases) {
            Check check = new Check(backend, dtype, "matmul", c);
            Tensor a = check.input("a"), b = check.input("b"), dy = check.input("dy");
            boolean ta = c.boolParam("transpose_a"), tb = c.boolParam("transpose_b");

            check.forward("c", out -> backend.matmul(a, ta, b, tb, out, false));
            check.backward("da", da -> matmulGradA(backend, a, ta, b, tb, dy, da));
            check.backward("db", db -> matmulGradB(backend, a, ta, b, tb, dy, db));
            check.print();
        }
    }

    /** {@code da += ∂(Σ c·dy)/∂a} for {@code c = op(a)·op(b)}, as matmuls. */
    static void matmulGradA(Backend backend, Tensor a, boolean ta, Tensor b, boolean tb, Tensor dy, Tensor da) {
        if (a.rank() == 2 && dy.rank() == 3) {
            for (int i = 0; i < dy.dim(0); i++) {
                matmulGradA(backend, a, ta, batchEntry(b, i), tb, batchEntry(dy, i), da);
            }
        } else if (ta) {
            backend.matmul(b, tb, dy, true, da, true);        // aᵀ-grad = op(b) · dyᵀ
        } else {
            backend.matmul(dy, false, b, !tb, da, true);      // a-grad = dy · op(b)ᵀ
        }
    }

    /** {@code db += ∂(Σ c·dy)/∂b} for {@code c = op(a)·op(b)}, as matmuls. */
    static void matmulGradB(Backend backend, Tensor a, boolean ta, Tensor b, boolean tb, Tensor dy, Tensor db) {
        if (b.rank() == 2 && dy.rank() == 3) {
            for (int i = 0; i < dy.dim(0); i++) {
                matmulGradB(backend, batchEntry(a, i), ta, b, tb, batchEntry(dy, i), db);
            }
        } else if (tb) {
            backend.matmul(dy, true, a, ta, db, true);        // bᵀ-grad = dyᵀ · op(a)
        } else {
            backend.matmul(a, !ta, dy, false, db, true);      // b-grad = op(a)ᵀ · dy
        }
    }

    /** Entry {@code i} of a batched (rank-3) operand as a rank-2 view; a shared rank-2 operand as is. */
    private static Tensor batchEntry(Tensor t, int i) {
        return t.rank() == 3 ? t.slice(i, i + 1).reshape(t.dim(1), t.dim(2)) : t;
    }

    // ------------------------------------------------------------------ elementwise

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void unary(Backend backend, DType dtype) {
        List<Fixture.Case> cases = Fixture.load("fixtures/unary.safetensors").cases("unary");
        assertFalse(cases.isEmpty());
        for (Fixture.Case c : cases) {
            Check check = new Check(backend, dtype, "unary", c);
            UnaryOp op = UnaryOp.valueOf(c.stringParam("fn").toUpperCase(Locale.ROOT));
            Tensor x = check.input("x"), dy = check.input("dy");

            Tensor y = check.forward("y", out -> backend.unary(op, x, out));
            check.backward("dx", dx -> backend.unaryBackward(op, x, y, dy, dx));
            check.print();
        }
    }

    // ------------------------------------------------------------------ max-pool

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void maxPool1d(Backend backend, DType dtype) {
        List<Fixture.Case> cases = Fixture.load("fixtures/maxpool1d.safetensors").cases("maxpool1d");
        assertFalse(cases.isEmpty());
        for (Fixture.Case c : cases) {
            Check check = new Check(backend, dtype, "maxpool1d", c);
            Tensor x = check.input("x"), dy = check.input("dy");
            Pool1dGeometry g = new Pool1dGeometry(c.intParam("kernel"), c.intParam("stride"),
                    c.intParam("pad_left"), c.intParam("pad_right"), Double.parseDouble(c.stringParam("pad_value")));

            check.forward("y", y -> backend.maxPool1dForward(x, g, y));
            check.backward("dx", dx -> backend.maxPool1dBackward(x, dy, g, dx));
            check.print();
        }
    }

    // ------------------------------------------------------------------ measuring

    /** One fixture case run on one backend in one dtype: compares outputs and keeps the line to print. */
    private static final class Check {
        private final Backend backend;
        private final DType dtype;
        private final String op;
        private final Fixture.Case fixtureCase;
        private final double tolerance;
        private final StringBuilder line = new StringBuilder();

        Check(Backend backend, DType dtype, String op, Fixture.Case fixtureCase) {
            this.backend = backend;
            this.dtype = dtype;
            this.op = op;
            this.fixtureCase = fixtureCase;
            this.tolerance = dtype == DType.F32 ? F32_TOLERANCE : F64_TOLERANCE;
        }

        /** A stored float32 input, converted to the run's dtype (widening to F64 is exact). */
        Tensor input(String name) {
            return fixtureCase.tensor(name).to(dtype);
        }

        /** Runs a forward op into a zero tensor shaped like the reference and compares. */
        Tensor forward(String name, Consumer<Tensor> op) {
            Tensor out = Tensor.zeros(dtype, fixtureCase.tensor(name).shape());
            op.accept(out);
            compare(name, out, 1);
            return out;
        }

        /** Runs an accumulating backward op twice into one zero tensor, comparing after each call. */
        void backward(String name, Consumer<Tensor> op) {
            Tensor out = Tensor.zeros(dtype, fixtureCase.tensor(name).shape());
            for (int times = 1; times <= 2; times++) {
                op.accept(out);
                compare(name, out, times);
            }
        }

        /** As {@link #backward(String, Consumer)} for an op with two outputs. */
        void backward(String first, String second, BiConsumer<Tensor, Tensor> op) {
            Tensor out1 = Tensor.zeros(dtype, fixtureCase.tensor(first).shape());
            Tensor out2 = Tensor.zeros(dtype, fixtureCase.tensor(second).shape());
            for (int times = 1; times <= 2; times++) {
                op.accept(out1, out2);
                compare(first, out1, times);
                compare(second, out2, times);
            }
        }

        /** Compares {@code actual} with {@code times} × the reference named {@code name}. */
        void compare(String name, Tensor actual, int times) {
            Tensor reference = fixtureCase.tensor(name);
            assertArrayEquals(reference.shape(), actual.shape(), where(name));
            if (times != 1) {
                Tensor scaled = Tensor.zerosLike(reference);
                new ScalarBackend().affine(reference, times, 0, scaled);
                reference = scaled;
            }
            double error = Fixture.relativeError(actual, reference);
            String label = times == 1 ? name : name + "×" + times;
            assertTrue(error <= tolerance, () -> where(label) + ": relative error " + error
                    + " exceeds " + tolerance);
            if (times == 1) {
                line.append(String.format(Locale.ROOT, " %s %.2e", name, error));
                WORST.merge(backend.name() + " " + dtype + " " + op + " " + name, error, Math::max);
            }
        }

        void print() {
            System.out.printf(Locale.ROOT, "parity %-6s %s %-9s %-34s%s%n", backend.name(), dtype, op,
                    fixtureCase.name(), line);
        }

        private String where(String name) {
            return backend.name() + " " + dtype + " " + op + " case " + fixtureCase.name() + " tensor " + name;
        }
    }

    @AfterAll
    static void printWorst() {
        System.out.println("parity summary: worst relative error max|a-b|/max|b| per backend, dtype, op, tensor");
        WORST.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-36s %.3e%n", k, v));
    }
}
