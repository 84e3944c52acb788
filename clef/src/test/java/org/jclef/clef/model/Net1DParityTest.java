package org.jclef.clef.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jclef.autograd.Variable;
import org.jclef.nn.Buffer;
import org.jclef.nn.Init;
import org.jclef.nn.Parameter;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.io.Fixture;
import org.junit.jupiter.api.Test;

/**
 * Full forward and backward parity of Net1D with the PyTorch port (tools/torch-fixtures/
 * nn_fixtures.py, file net1d_parity.safetensors) on hashed pseudo-random weights, which both sides
 * generate bit-identically ({@link #fillHashed}), so the Medium weights need not be stored.
 *
 * <ul>
 *   <li>{@code small}: N = 2, L = 1000; the embedding, the input gradient and every parameter
 *       gradient in full; float32 to 1e-4 relative, float64 to 1e-10.</li>
 *   <li>{@code small_bn_train}: BatchNorm on, training mode, N = 3, L = 160; running variances too.</li>
 *   <li>{@code medium}: N = 2, L = 300; each gradient checked by 64 evenly spaced samples, its sum,
 *       its 2-norm and its largest magnitude.</li>
 * </ul>
 */
class Net1DParityTest {
    private static final Fixture FIXTURE = Fixture.load("fixtures/net1d_parity.safetensors");
    private static final double F32_TOLERANCE = 1e-4;

    @Test
    void smallFloat32() {
        report("small F32", run(FIXTURE.get("small"), DType.F32, F32_TOLERANCE));
    }

    @Test
    void smallFloat64() {
        report("small F64", run(FIXTURE.get("small"), DType.F64, 1e-10));
    }

    @Test
    void smallWithBatchNormInTraining() {
        report("small_bn_train F32", run(FIXTURE.get("small_bn_train"), DType.F32, F32_TOLERANCE));
    }

    @Test
    void medium() {
        report("medium F32", run(FIXTURE.get("medium"), DType.F32, F32_TOLERANCE));
    }

    private static void report(String what, double worst) {
        System.out.printf(Locale.ROOT, "Net1D parity %s: worst relative error %.3g%n", what, worst);
    }

    /** Runs one case and returns the largest relative error over everything compared. */
    private static double run(Fixture.Case c, DType dtype, double tolerance) {
        Net1DConfig config = Net1DConfig.byName(c.stringParam("scale")).withBatchNorm(c.boolParam("batch_norm"));
        Net1D net = new Net1D(config, Init.seeded(dtype, 1));
        fillHashed(net, c.intParam("weight_seed"));
        net.train(c.boolParam("train"));

        Variable x = Variable.parameter(c.tensor("x").to(dtype));
        Variable emb = net.forward(x);
        emb.backward(c.tensor("dy").to(dtype));

        double worst = Parity.assertClose(emb.value(), c.tensor("emb"), tolerance, c + " emb");
        worst = Math.max(worst, Parity.assertClose(x.grad(), c.tensor("dx"), tolerance, c + " dx"));
        @SuppressWarnings("unchecked")
        List<Object> noGrad = (List<Object>) c.params().get("no_grad");
        double gradientScale = gradientScale(net, c);
        int checked = 0;
        for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
            String key = e.getKey();
            Tensor grad = e.getValue().grad();
            if (noGrad.contains(key)) {
                assertNull(grad, c + ": PyTorch gives no gradient for " + key);
                continue;
            }
            assertNotNull(grad, c + ": no gradient for " + key);
            if (c.boolParam("full_gradients")) {
                worst = Math.max(worst, Parity.assertCloseOrZero(grad, c.tensor("grad/" + key), gradientScale, tolerance,
                        c + " grad " + key));
            } else {
                worst = Math.max(worst, checkSummary(grad, c.tensor("grad_samples/" + key), c.tensor("grad_stats/" + key),
                        c.intParam("grad_samples"), gradientScale, tolerance, c + " grad " + key));
            }
            checked++;
        }
        assertEquals(net.namedParameters().size() - noGrad.size(), checked);
        for (Map.Entry<String, Buffer> e : net.namedBuffers().entrySet()) {
            if (c.has("after/" + e.getKey())) {
                worst = Math.max(worst, Parity.assertClose(e.getValue().value(), c.tensor("after/" + e.getKey()),
                        tolerance, c + " " + e.getKey()));
            }
        }
        return worst;
    }

    /** The largest reference gradient magnitude of any parameter of the case. */
    private static double gradientScale(Net1D net, Fixture.Case c) {
        double scale = 0;
        for (String key : net.namedParameters().keySet()) {
            if (c.has("grad/" + key)) {
                scale = Math.max(scale, Parity.maxAbs(c.tensor("grad/" + key)));
            } else if (c.has("grad_stats/" + key)) {
                scale = Math.max(scale, c.tensor("grad_stats/" + key).getFlat(2));
            }
        }
        return scale;
    }

    /**
     * Compares a gradient with its stored summary: the elements at (j·n) / count for j &lt; count,
     * relative to the largest magnitude; the 2-norm; the largest magnitude; and the sum, within
     * tolerance·√n·‖g‖₂ (a bound on Σ|g|). A reference that is zero up to float64 rounding (as
     * {@link Parity#assertCloseOrZero}) is compared as max|g| relative to {@code scale}.
     */
    private static double checkSummary(Tensor grad, Tensor samples, Tensor stats, int maxSamples, double scale,
                                       double tolerance, String what) {
        int n = grad.size();
        int count = Math.min(maxSamples, n);
        double sum = 0, sumSquares = 0, maxAbs = 0;
        for (int i = 0; i < n; i++) {
            double g = grad.getFlat(i);
            sum += g;
            sumSquares += g * g;
            maxAbs = Math.max(maxAbs, Math.abs(g));
        }
        double refNorm = Math.sqrt(stats.getFlat(1));
        double refMax = stats.getFlat(2);
        if (refMax <= 1e-9 * scale) {
            double err = maxAbs / scale;
            assertTrue(err <= tolerance, String.format(Locale.ROOT, "%s: reference is zero, max|g| / scale %.3g > %.1g",
                    what, err, tolerance));
            return err;
        }
        double worst = 0;
        for (int j = 0; j < count; j++) {
            double diff = Math.abs(grad.getFlat((int) ((long) j * n / count)) - samples.getFlat(j));
            worst = Math.max(worst, diff / refMax);
        }
        worst = Math.max(worst, Math.abs(Math.sqrt(sumSquares) - refNorm) / refNorm);
        worst = Math.max(worst, Math.abs(maxAbs - refMax) / refMax);
        worst = Math.max(worst, Math.abs(sum - stats.getFlat(0)) / (Math.sqrt(n) * refNorm));
        assertTrue(worst <= tolerance, String.format(Locale.ROOT, "%s: relative error %.3g > %.1g", what, worst, tolerance));
        return worst;
    }

    /**
     * Sets non-BatchNorm tensor p (state-dict order) to hashedUniform(seed, p, k)/√fan_in, rounded to
     * float32, fan_in being that of the tensor's layer (a bias takes its weight's): the twin of
     * fill_deterministic in nn_fixtures.py.
     */
    static void fillHashed(Net1D net, long seed) {
        int p = 0;
        long fanIn = 0;
        for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
            if (GoldenForwardTest.isBatchNorm(e.getKey())) {
                continue;
            }
            int[] shape = e.getValue().shape();
            if (shape.length >= 2) {
                fanIn = e.getValue().numel() / shape[0];
            }
            double bound = 1.0 / Math.sqrt(fanIn);
            float[] values = new float[(int) e.getValue().numel()];
            for (int k = 0; k < values.length; k++) {
                values[k] = (float) (hashedUniform(seed, p, k) * bound);
            }
            e.getValue().assign(Tensor.of(values, shape));
            p++;
        }
    }

    /** A value in [−1, 1) from murmur3's fmix32 of (k·0x9E3779B1 + p·0x85EBCA77 + seed) mod 2^32 (top 24 bits). */
    static double hashedUniform(long seed, int p, long k) {
        long mask = 0xFFFFFFFFL;
        long x = (k * 0x9E3779B1L + ((p * 0x85EBCA77L + seed) & mask)) & mask;
        x ^= x >>> 16;
        x = (x * 0x85EBCA6BL) & mask;
        x ^= x >>> 13;
        x = (x * 0xC2B2AE35L) & mask;
        x ^= x >>> 16;
        return 2.0 * ((x >>> 8) / (double) (1 << 24)) - 1.0;
    }
}
