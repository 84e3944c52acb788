package org.jclef.clef.loss;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.jclef.autograd.GradCheck;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference checks of every loss in float64. The CLEF loss is not smooth where the
 * similarity minimum or a row's off-diagonal maximum changes hands, so its inputs are drawn until
 * those extremes are separated from the runners-up (the maximum of s is on the diagonal, ≡ 1, whose
 * gradient is zero, so its ties are harmless; s_ab = s_ba ties are the same function of z).
 */
class LossGradCheckTest {
    private static final double EXTREME_GAP = 1e-3;

    static Stream<Arguments> clefCases() {
        ClefLossConfig d = ClefLossConfig.defaults();
        return Stream.of(
                Arguments.of(2, 3, d, 11L),
                Arguments.of(3, 4, d, 12L),
                Arguments.of(4, 6, d, 13L),
                Arguments.of(5, 8, d, 14L),
                Arguments.of(3, 5, d.withMetadata(MetadataMode.MISSING_MASK), 15L),
                Arguments.of(5, 7, d.withMetadata(MetadataMode.MISSING_MASK), 16L),
                Arguments.of(4, 3, d.withTerms(true, false), 17L),
                Arguments.of(4, 3, d.withTerms(false, true), 18L),
                Arguments.of(3, 6, d.withTemperature(0.5).withFloor(0.6), 19L),
                Arguments.of(1, 4, d, 20L));
    }

    @ParameterizedTest(name = "B={0} D={1} {2}")
    @MethodSource("clefCases")
    void clefLoss(int b, int d, ClefLossConfig config, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor z = separatedEmbeddings(rng, b, d);
        BatchMetadata metadata = new BatchMetadata(risksWithNaN(rng, b), risksWithNaN(rng, b));
        ClefLoss loss = new ClefLoss(config);
        GradCheck.Result r = GradCheck.check(in -> loss.compute(in.get(0), metadata).loss(), List.of(z));
        assertTrue(r.elements() == 2 * b * d, "checked " + r.elements());
    }

    @Test
    void ntXent() {
        SplittableRandom rng = new SplittableRandom(21);
        for (int b = 1; b <= 4; b++) {
            Tensor z = Tensor.normal(DType.F64, rng, 2 * b, b + 2);
            GradCheck.check(in -> new NtXentLoss(0.07).compute(in.get(0), null).loss(), List.of(z));
        }
    }

    @Test
    void byol() {
        SplittableRandom rng = new SplittableRandom(22);
        List<Tensor> inputs = List.of(Tensor.normal(DType.F64, rng, 3, 5), Tensor.normal(DType.F64, rng, 3, 5),
                Tensor.normal(DType.F64, rng, 3, 5), Tensor.normal(DType.F64, rng, 3, 5));
        GradCheck.check(in -> ByolLoss.compute(in.get(0), in.get(1), in.get(2), in.get(3)), inputs);
    }

    @Test
    void moco() {
        SplittableRandom rng = new SplittableRandom(23);
        MocoQueue queue = new MocoQueue(5, 12, DType.F64, rng);
        MocoLoss moco = new MocoLoss(MocoConfig.defaults().withQueueSize(12));
        GradCheck.check(in -> moco.compute(in.get(0), in.get(1), queue),
                List.of(Tensor.normal(DType.F64, rng, 3, 5), Tensor.normal(DType.F64, rng, 3, 5)));
    }

    /** Risks in [0, 0.4) with about a quarter NaN (at least one finite pair when b ≥ 3). */
    static double[] risksWithNaN(SplittableRandom rng, int b) {
        double[] r = new double[b];
        for (int i = 0; i < b; i++) {
            r[i] = i > 1 && rng.nextInt(4) == 0 ? Double.NaN : 0.4 * rng.nextDouble();
        }
        return r;
    }

    /** Standard-normal {@code [2b, d]} embeddings whose similarity extremes are well separated. */
    static Tensor separatedEmbeddings(SplittableRandom rng, int b, int d) {
        int n = 2 * b;
        for (int attempt = 0; attempt < 1000; attempt++) {
            Tensor z = Tensor.normal(DType.F64, rng, n, d);
            if (extremesSeparated(z)) {
                return z;
            }
        }
        throw new AssertionError("no well-separated embeddings for B=" + b + ", D=" + d);
    }

    private static boolean extremesSeparated(Tensor z) {
        int n = z.dim(0), d = z.dim(1);
        double[][] s = new double[n][n];
        double[] norm = new double[n];
        for (int a = 0; a < n; a++) {
            for (int k = 0; k < d; k++) {
                norm[a] += z.get(a, k) * z.get(a, k);
            }
            norm[a] = Math.sqrt(norm[a]);
        }
        double min = Double.POSITIVE_INFINITY, secondMin = Double.POSITIVE_INFINITY;
        for (int a = 0; a < n; a++) {
            double max = Double.NEGATIVE_INFINITY, secondMax = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < n; c++) {
                if (c == a) {
                    continue;
                }
                for (int k = 0; k < d; k++) {
                    s[a][c] += z.get(a, k) * z.get(c, k);
                }
                s[a][c] /= norm[a] * norm[c];
                if (s[a][c] > max) {
                    secondMax = max;
                    max = s[a][c];
                } else {
                    secondMax = Math.max(secondMax, s[a][c]);
                }
                if (c > a) {
                    if (s[a][c] < min) {
                        secondMin = min;
                        min = s[a][c];
                    } else {
                        secondMin = Math.min(secondMin, s[a][c]);
                    }
                }
            }
            if (n > 2 && max - secondMax < EXTREME_GAP) {
                return false;
            }
        }
        return n == 2 || secondMin - min >= EXTREME_GAP;
    }
}
