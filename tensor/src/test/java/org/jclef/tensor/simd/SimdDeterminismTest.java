package org.jclef.tensor.simd;

import static org.jclef.tensor.simd.Reference.assertBitwiseEqual;
import static org.jclef.tensor.simd.Reference.normal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.jclef.tensor.Backend;
import org.jclef.tensor.BinaryOp;
import org.jclef.tensor.Conv1dGeometry;
import org.jclef.tensor.ReduceOp;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.UnaryOp;
import org.junit.jupiter.api.Test;

/**
 * The same inputs give bitwise-identical outputs for 1, 2 and 3 threads: the work split depends on
 * the shapes only.
 */
class SimdDeterminismTest {
    private static final Backend[] BACKENDS = {new SimdBackend(1), new SimdBackend(2), new SimdBackend(3)};

    /** Runs {@code op} on fresh copies of {@code inputs} with each backend; the results must agree bitwise. */
    private interface Op {
        Tensor[] run(Backend backend, Tensor[] inputs);
    }

    private static void assertSameForEveryThreadCount(String what, Tensor[] inputs, Op op) {
        Tensor[] first = null;
        for (Backend backend : BACKENDS) {
            Tensor[] copies = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                copies[i] = inputs[i] == null ? null : inputs[i].copy();
            }
            Tensor[] out = op.run(backend, copies);
            if (first == null) {
                first = out;
            } else {
                for (int i = 0; i < out.length; i++) {
                    assertBitwiseEqual(what + " output " + i + " with " + backend, out[i], first[i]);
                }
            }
        }
    }

    @Test
    void groupedConvolutionIsBitwiseReproducible() {
        SplittableRandom rng = new SplittableRandom(1);
        for (Conv1dGeometry g : new Conv1dGeometry[] {new Conv1dGeometry(1, 7, 8, 4), new Conv1dGeometry(2, 7, 8, 4),
            new Conv1dGeometry(1, 0, 0, 1)}) {
            int k = g.groups() == 1 ? 1 : 16;
            int n = 4, cin = 16, cout = 16, lin = 301, lout = g.outputLength(lin, k);
            Tensor x = normal(rng, n, cin, lin), w = normal(rng, cout, cin / g.groups(), k), b = normal(rng, cout);
            Tensor dy = normal(rng, n, cout, lout);
            assertSameForEveryThreadCount("conv1dForward " + g, new Tensor[] {x, w, b}, (be, t) -> {
                Tensor y = Tensor.zeros(n, cout, lout);
                be.conv1dForward(t[0], t[1], t[2], g, y);
                return new Tensor[] {y};
            });
            assertSameForEveryThreadCount("conv1dBackwardData " + g, new Tensor[] {dy, w, x}, (be, t) -> {
                be.conv1dBackwardData(t[0], t[1], g, t[2]);
                return new Tensor[] {t[2]};
            });
            assertSameForEveryThreadCount("conv1dBackwardWeight " + g, new Tensor[] {dy, x, w, b}, (be, t) -> {
                be.conv1dBackwardWeight(t[0], t[1], g, t[2], t[3]);
                return new Tensor[] {t[2], t[3]};
            });
        }
    }

    @Test
    void pointwiseConvolutionsOfShortRowsAreBitwiseReproducible() {
        // Nine samples of 45 steps: forward and backward-data sweep blocks of samples side by side,
        // 150 input and 70 output channels in blocks of 64 columns.
        SplittableRandom rng = new SplittableRandom(6);
        Conv1dGeometry g = Conv1dGeometry.valid();
        Tensor x = normal(rng, 9, 150, 45), w = normal(rng, 70, 150, 1), b = normal(rng, 70), dy = normal(rng, 9, 70, 45);
        assertSameForEveryThreadCount("short pointwise conv1dForward", new Tensor[] {x, w, b}, (be, t) -> {
            Tensor y = Tensor.zeros(9, 70, 45);
            be.conv1dForward(t[0], t[1], t[2], g, y);
            return new Tensor[] {y};
        });
        assertSameForEveryThreadCount("short pointwise conv1dBackwardData", new Tensor[] {dy, w, x}, (be, t) -> {
            be.conv1dBackwardData(t[0], t[1], g, t[2]);
            return new Tensor[] {t[2]};
        });
        // 48 samples of 130 steps: 16 blocks of three samples, each task sweeping all 150 output rows.
        Tensor x2 = normal(rng, 48, 8, 130), w2 = normal(rng, 150, 8, 1), b2 = normal(rng, 150);
        assertSameForEveryThreadCount("short pointwise conv1dForward, whole rows", new Tensor[] {x2, w2, b2},
                (be, t) -> {
                    Tensor y = Tensor.zeros(48, 150, 130);
                    be.conv1dForward(t[0], t[1], t[2], g, y);
                    return new Tensor[] {y};
                });
    }

    @Test
    void aWidePointwiseConvolutionOfOneRecordingIsBitwiseReproducible() {
        // One sample, 130 output channels, 1100 steps: the forward splits rows and time into tasks.
        SplittableRandom rng = new SplittableRandom(4);
        Conv1dGeometry g = Conv1dGeometry.valid();
        Tensor x = normal(rng, 1, 8, 1100), w = normal(rng, 130, 8, 1), b = normal(rng, 130);
        assertSameForEveryThreadCount("pointwise conv1dForward", new Tensor[] {x, w, b}, (be, t) -> {
            Tensor y = Tensor.zeros(1, 130, 1100);
            be.conv1dForward(t[0], t[1], t[2], g, y);
            return new Tensor[] {y};
        });
        // Three samples of 2000 steps: the weight gradient sums them in separate chunks.
        Tensor xs = normal(rng, 3, 40, 2000), dy = normal(rng, 3, 20, 2000);
        Tensor dw = normal(rng, 20, 40, 1), db = normal(rng, 20);
        assertSameForEveryThreadCount("pointwise conv1dBackwardWeight", new Tensor[] {dy, xs, dw, db}, (be, t) -> {
            be.conv1dBackwardWeight(t[0], t[1], g, t[2], t[3]);
            return new Tensor[] {t[2], t[3]};
        });
        // Wide channels on both sides: the transposed weight gradient, nine samples in chunks.
        Tensor xw = normal(rng, 9, 64, 45), dyw = normal(rng, 9, 130, 45);
        Tensor dww = normal(rng, 130, 64, 1), dbw = normal(rng, 130);
        assertSameForEveryThreadCount("wide pointwise conv1dBackwardWeight", new Tensor[] {dyw, xw, dww, dbw},
                (be, t) -> {
                    be.conv1dBackwardWeight(t[0], t[1], g, t[2], t[3]);
                    return new Tensor[] {t[2], t[3]};
                });
    }

    @Test
    void matmulAndReductionsAreBitwiseReproducible() {
        SplittableRandom rng = new SplittableRandom(2);
        Tensor a = normal(rng, 3, 70, 130), b = normal(rng, 3, 130, 90), bt = normal(rng, 3, 90, 130);
        assertSameForEveryThreadCount("matmul", new Tensor[] {a, b}, (be, t) -> {
            Tensor c = Tensor.zeros(3, 70, 90);
            be.matmul(t[0], false, t[1], false, c, false);
            return new Tensor[] {c};
        });
        assertSameForEveryThreadCount("matmul bᵀ", new Tensor[] {a, bt}, (be, t) -> {
            Tensor c = Tensor.zeros(3, 70, 90);
            be.matmul(t[0], false, t[1], true, c, false);
            return new Tensor[] {c};
        });
        Tensor x = normal(rng, 4, 32, 1250);
        assertSameForEveryThreadCount("swish, add, reduce, addReduced", new Tensor[] {x}, (be, t) -> {
            Tensor s = Tensor.zeros(4, 32, 1250), sum = Tensor.zeros(4, 32, 1), grad = Tensor.zeros(32, 1);
            be.unary(UnaryOp.SWISH, t[0], s);
            be.binary(BinaryOp.ADD, s, t[0], s);
            be.reduce(ReduceOp.MEAN, s, -1, sum);
            be.addReduced(s, grad);
            return new Tensor[] {s, sum, grad};
        });
    }

    @Test
    void theBackendRunsVectorsWiderThanOneLane() {
        assertTrue(SimdBackend.vectorLength() > 1, "vector length " + SimdBackend.vectorLength());
        assertEquals("simd", BACKENDS[1].name());
        assertEquals(2, ((SimdBackend) BACKENDS[1]).threads());
    }
}
