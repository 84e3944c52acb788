package org.jclef.clef.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.jclef.autograd.Variable;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.io.Fixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The losses against the PyTorch references of {@code tools/torch-fixtures/loss.py} (float32 inputs,
 * float64 references): each case in float32 (relative error ≤ 1e−5) and with the inputs widened to
 * float64 (≤ 1e−10). Relative error of a tensor: max|a − b| / max|b|, b the reference.
 */
class LossTorchParityTest {
    private static final Fixture FIXTURE = Fixture.load("fixtures/loss.safetensors");
    private static final double F32_TOLERANCE = 1e-5;
    private static final double F64_TOLERANCE = 1e-10;

    static Stream<Arguments> cases(String op) {
        List<Fixture.Case> cases = FIXTURE.cases(op);
        assertFalse(cases.isEmpty(), "no '" + op + "' cases in " + FIXTURE.source());
        return cases.stream().flatMap(c -> Stream.of(Arguments.of(c, DType.F32), Arguments.of(c, DType.F64)));
    }

    static Stream<Arguments> clefCases() {
        return cases("clef");
    }

    static Stream<Arguments> ntxentCases() {
        return cases("ntxent");
    }

    static Stream<Arguments> byolCases() {
        return cases("byol");
    }

    static Stream<Arguments> mocoCases() {
        return cases("moco");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("clefCases")
    void clefLoss(Fixture.Case c, DType dtype) {
        ClefLossConfig config = new ClefLossConfig(c.doubleParam("temperature"), c.doubleParam("floor"),
                c.boolParam("nce"), c.boolParam("align"),
                c.stringParam("metadata").equals("mask") ? MetadataMode.MISSING_MASK : MetadataMode.RISK_ONLY);
        Variable z = input(c, "z", dtype);
        BatchMetadata metadata = new BatchMetadata(c.tensor("risk").toDoubleArray(),
                c.tensor("rate_meta").toDoubleArray());
        LossOutput out = new ClefLoss(config).compute(z, metadata);
        out.loss().backward();
        double tol = tolerance(dtype);
        check(c, dtype, "loss", out.loss().value(), c.tensor("loss"), tol);
        // A term is compared relative to the loss: a nearly-zero InfoNCE (positives far ahead)
        // has only float32's absolute precision.
        double scale = Math.abs(c.tensor("loss").item());
        for (String term : List.of("nce", "align")) {
            assertEquals(c.has(term), out.terms().containsKey(term), c + ": term " + term);
            if (c.has(term)) {
                double error = Math.abs(out.term(term) - c.tensor(term).item()) / Math.max(scale, Math.abs(c.tensor(term).item()));
                assertTrue(error <= tol, String.format(Locale.ROOT, "%s %s %s: relative error %.3g > %.1g", c, dtype, term, error, tol));
            }
        }
        check(c, dtype, "dz", z.grad(), c.tensor("dz"), tol);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ntxentCases")
    void ntXentLoss(Fixture.Case c, DType dtype) {
        Variable z = input(c, "z", dtype);
        Variable loss = new NtXentLoss(c.doubleParam("temperature")).compute(z, null).loss();
        loss.backward();
        check(c, dtype, "loss", loss.value(), c.tensor("loss"), tolerance(dtype));
        check(c, dtype, "dz", z.grad(), c.tensor("dz"), tolerance(dtype));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("byolCases")
    void byolLoss(Fixture.Case c, DType dtype) {
        Variable p1 = input(c, "p1", dtype), p2 = input(c, "p2", dtype);
        Variable z1t = input(c, "z1t", dtype), z2t = input(c, "z2t", dtype);
        Variable loss = ByolLoss.compute(p1, p2, z1t, z2t);
        loss.backward();
        double tol = tolerance(dtype);
        check(c, dtype, "loss", loss.value(), c.tensor("loss"), tol);
        check(c, dtype, "dp1", p1.grad(), c.tensor("dp1"), tol);
        check(c, dtype, "dp2", p2.grad(), c.tensor("dp2"), tol);
        check(c, dtype, "dz1t", z1t.grad(), c.tensor("dz1t"), tol);
        check(c, dtype, "dz2t", z2t.grad(), c.tensor("dz2t"), tol);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("mocoCases")
    void mocoLoss(Fixture.Case c, DType dtype) {
        Variable q = input(c, "q", dtype), k = input(c, "k", dtype);
        Tensor stored = c.tensor("queue");
        MocoQueue queue = new MocoQueue(stored.dim(0), stored.dim(1), dtype, new SplittableRandom(1));
        queue.enqueue(transposed(stored).to(dtype));
        assertEquals(0, queue.pointer());
        MocoConfig config = new MocoConfig(c.doubleParam("temperature"), MocoConfig.DEFAULT_MOMENTUM, stored.dim(1),
                MocoConfig.Enqueue.ONCE);
        Variable loss = new MocoLoss(config).compute(q, k, queue);
        loss.backward();
        double tol = tolerance(dtype);
        check(c, dtype, "loss", loss.value(), c.tensor("loss"), tol);
        check(c, dtype, "dq", q.grad(), c.tensor("dq"), tol);
        check(c, dtype, "dk", k.grad(), c.tensor("dk"), tol);
    }

    private static Variable input(Fixture.Case c, String name, DType dtype) {
        return Variable.parameter(c.tensor(name).to(dtype));
    }

    /** {@code [D, K]} → {@code [K, D]}: the stored queue's columns as a batch of keys. */
    private static Tensor transposed(Tensor t) {
        Tensor out = Tensor.zeros(t.dtype(), t.dim(1), t.dim(0));
        for (int i = 0; i < t.dim(0); i++) {
            for (int j = 0; j < t.dim(1); j++) {
                out.set(t.get(i, j), j, i);
            }
        }
        return out;
    }

    private static double tolerance(DType dtype) {
        return dtype == DType.F32 ? F32_TOLERANCE : F64_TOLERANCE;
    }


    private static void check(Fixture.Case c, DType dtype, String what, Tensor actual, Tensor reference, double tol) {
        assertTrue(actual != null, c + " " + dtype + ": no " + what);
        assertEquals(reference.size(), actual.size(), c + " " + what + " size");
        double error = Fixture.relativeError(actual, reference);
        if (Boolean.getBoolean("jclef.printParity")) {
            System.out.printf(Locale.ROOT, "parity %-28s %s %-5s %.3e%n", c, dtype, what, error);
        }
        assertTrue(error <= tol, String.format(Locale.ROOT, "%s %s %s: relative error %.3g > %.1g",
                c, dtype, what, error, tol));
    }
}
