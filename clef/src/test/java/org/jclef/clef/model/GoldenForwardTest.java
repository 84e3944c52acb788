package org.jclef.clef.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import org.jclef.nn.Init;
import org.jclef.nn.Parameter;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Spec §2.8 / test vector T4: CLEF-Small in float64 with sin-filled weights and a two-tone input. */
class GoldenForwardTest {

    @Test
    void smallMatchesT4() {
        Net1D net = new Net1D(Net1DConfig.SMALL, Init.seeded(DType.F64, 0));
        int p = 0;
        for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
            if (isBatchNorm(e.getKey())) {
                continue;
            }
            Tensor t = Tensor.zeros(DType.F64, e.getValue().shape());
            for (int k = 0; k < t.size(); k++) {
                t.setFlat(k, 0.1 * Math.sin(0.7 * k + p));
            }
            e.getValue().assign(t);
            p++;
        }
        assertEquals(102, p);
        double[] x = new double[5000];
        for (int t = 0; t < x.length; t++) {
            x[t] = Math.sin(2 * Math.PI * 1.2 * t / 500) + 0.5 * Math.sin(2 * Math.PI * 7 * t / 500);
        }
        double[] emb = net.embed(Tensor.of(x, 1, 1, 5000)).toDoubleArray();
        assertEquals(256, emb.length);
        double sum = 0, sumSquares = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : emb) {
            sum += v;
            sumSquares += v * v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double[] expected = {0.1765112289, -0.2691490893, -0.1582006016, 0.3339580532, 0.1267763617, -0.2383483009,
            9.33977180919, 4.57115643407, -0.580367417, 0.580014887};
        double[] actual = {emb[0], emb[1], emb[2], emb[3], emb[4], emb[5], sum, Math.sqrt(sumSquares), min, max};
        String[] what = {"emb[0]", "emb[1]", "emb[2]", "emb[3]", "emb[4]", "emb[5]", "sum", "norm", "min", "max"};
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double rel = Math.abs(actual[i] - expected[i]) / Math.abs(expected[i]);
            assertTrue(rel <= 1e-6, what[i] + ": " + actual[i] + " vs T4 " + expected[i]);
            worst = Math.max(worst, rel);
        }
        System.out.printf(Locale.ROOT, "golden forward T4: worst relative error %.3g (T4 gives 9-12 digits)%n", worst);
    }

    static boolean isBatchNorm(String key) {
        return key.startsWith("first_bn.") || key.matches(".*\\.bn[123]\\..*");
    }
}
