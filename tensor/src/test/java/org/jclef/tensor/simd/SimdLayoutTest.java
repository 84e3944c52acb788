package org.jclef.tensor.simd;

import static org.jclef.tensor.simd.Reference.SCALAR;
import static org.jclef.tensor.simd.Reference.abs;
import static org.jclef.tensor.simd.Reference.assertBitwiseEqual;
import static org.jclef.tensor.simd.Reference.assertWithinBound;
import static org.jclef.tensor.simd.Reference.f64;
import static org.jclef.tensor.simd.Reference.normal;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.jclef.tensor.AdamStep;
import org.jclef.tensor.DType;
import org.jclef.tensor.Pool1dGeometry;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Max-pooling, pad/narrow and the Adam step against the scalar reference. */
class SimdLayoutTest {
    private static final SimdBackend SIMD = new SimdBackend(2);

    private static final Pool1dGeometry[] POOLS = {
        new Pool1dGeometry(2, 2, 0, 0, 0.0),
        new Pool1dGeometry(2, 2, 0, 1, 0.0),
        new Pool1dGeometry(2, 2, 1, 1, Double.NEGATIVE_INFINITY),
        new Pool1dGeometry(3, 1, 1, 1, 0.0),
        new Pool1dGeometry(3, 2, 0, 2, -1.0),
    };

    @Test
    void maxPoolMatchesReference() {
        SplittableRandom rng = new SplittableRandom(41);
        for (Pool1dGeometry g : POOLS) {
            for (int lin : new int[] {2, 3, 31, 32, 33, 65, 1250, 1251}) {
                Tensor x = normal(rng, 2, 3, lin);
                // ties: equal neighbours must route to the first
                x.setFlat(4, x.getFlat(5));
                int lout = g.outputLength(lin);
                Tensor y = Tensor.zeros(2, 3, lout);
                SIMD.maxPool1dForward(x, g, y);
                Tensor expected = Tensor.zeros(DType.F64, 2, 3, lout);
                SCALAR.maxPool1dForward(f64(x), g, expected);
                assertBitwiseEqual("maxPool1dForward " + g + " L=" + lin, y, expected.to(DType.F32));

                Tensor dy = normal(rng, 2, 3, lout), dx = normal(rng, 2, 3, lin);
                Tensor expectedDx = f64(dx), bound = abs(dx);
                SIMD.maxPool1dBackward(x, dy, g, dx);
                SCALAR.maxPool1dBackward(f64(x), f64(dy), g, expectedDx);
                SCALAR.maxPool1dBackward(f64(x), abs(dy), g, bound);
                assertWithinBound("maxPool1dBackward " + g + " L=" + lin, dx, expectedDx, bound, g.kernel() + 1);
            }
        }
    }

    @Test
    void padAndNarrowMatchReference() {
        SplittableRandom rng = new SplittableRandom(42);
        int[][] shapes = {{2, 5, 37}, {3, 4}, {2, 3, 4, 5}};
        for (int[] shape : shapes) {
            for (int axis = 0; axis < shape.length; axis++) {
                int[] big = shape.clone();
                big[axis] += 3;
                Tensor x = normal(rng, shape);
                Tensor out = normal(rng, big);
                SIMD.padAxis(x, axis, 2, out);
                Tensor expected = Tensor.zeros(DType.F64, big);
                SCALAR.padAxis(f64(x), axis, 2, expected);
                assertBitwiseEqual("padAxis axis " + axis, out, expected.to(DType.F32));

                Tensor dOut = normal(rng, big), dx = normal(rng, shape);
                Tensor expectedDx = f64(dx);
                SIMD.narrowAxisBackward(dOut, axis, 1, dx);
                SCALAR.narrowAxisBackward(f64(dOut), axis, 1, expectedDx);
                assertBitwiseEqual("narrowAxisBackward axis " + axis, dx, expectedDx.to(DType.F32));
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SIMD.padAxis(Tensor.zeros(2, 5), 1, 4, Tensor.zeros(2, 8)));
        assertTrue(e.getMessage().contains("padAxis") && e.getMessage().contains("[2, 8]"), e.getMessage());
    }

    @Test
    void adamMatchesReference() {
        SplittableRandom rng = new SplittableRandom(43);
        for (boolean decoupled : new boolean[] {false, true}) {
            for (int n : new int[] {1, 17, 1000, Elementwise.CHUNK + 3}) {
                AdamStep step = new AdamStep(1e-3, 0.9, 0.999, 1e-8, 0.05, decoupled, 7);
                Tensor p = normal(rng, n), g = normal(rng, n), m = normal(rng, n);
                Tensor v = Reference.uniform(rng, 0, 2, n);
                Tensor ep = f64(p), eg = f64(g), em = f64(m), ev = f64(v);
                Tensor pOrig = f64(p), m0 = abs(m), v0 = abs(v);
                SIMD.adamUpdate(p, g, m, v, step);
                SCALAR.adamUpdate(ep, eg, em, ev, step);
                // each updated value carries a few roundings of its own terms
                Tensor boundM = sum(m0, abs(g)), boundV = sum(v0, square(g));
                Tensor boundP = Tensor.zeros(DType.F64, n);
                for (int i = 0; i < n; i++) {
                    // the parameter's own rounding plus a few roundings of the step taken
                    double before = pOrig.getFlat(i);
                    boundP.setFlat(i, Math.abs(before) + 4 * Math.abs(ep.getFlat(i) - before) + 1e-3);
                }
                assertWithinBound("adam m", m, em, boundM, 4);
                assertWithinBound("adam v", v, ev, boundV, 4);
                assertWithinBound("adam param", p, ep, boundP, 8);
            }
        }
    }

    private static Tensor sum(Tensor a, Tensor b) {
        Tensor s = Tensor.zeros(DType.F64, a.shape());
        for (int i = 0; i < s.size(); i++) {
            s.setFlat(i, a.getFlat(i) + b.getFlat(i));
        }
        return s;
    }

    private static Tensor square(Tensor a) {
        Tensor s = Tensor.zeros(DType.F64, a.shape());
        for (int i = 0; i < s.size(); i++) {
            s.setFlat(i, a.getFlat(i) * a.getFlat(i));
        }
        return s;
    }
}
