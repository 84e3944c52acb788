package org.jclef.tensor.simd;

import static org.jclef.tensor.simd.VectorMath.F;
import static org.jclef.tensor.simd.VectorMath.LANES;

import jdk.incubator.vector.FloatVector;
import org.jclef.tensor.AdamStep;

/**
 * One Adam/AdamW step in float, vectorised, with a scalar tail that computes the same expression.
 * The hyper-parameters and bias corrections are computed once in double and rounded to float.
 */
final class Adam {

    /** The float constants of one step. */
    record Coefficients(float lr, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float eps,
                        float weightDecay, float lrTimesDecay, boolean decoupled, float correction1,
                        float correction2) {

        static Coefficients of(AdamStep s) {
            return new Coefficients((float) s.lr(), (float) s.beta1(), (float) (1 - s.beta1()), (float) s.beta2(),
                    (float) (1 - s.beta2()), (float) s.eps(), (float) s.weightDecay(),
                    (float) (s.lr() * s.weightDecay()), s.decoupled(),
                    (float) (1 - Math.pow(s.beta1(), s.step())), (float) (1 - Math.pow(s.beta2(), s.step())));
        }
    }

    private Adam() {
    }

    /** Updates elements {@code [from, to)} of param, m and v in place. */
    static void update(float[] p, int po, float[] g, int go, float[] m, int mo, float[] v, int vo, Coefficients c,
                       int from, int to) {
        FloatVector minusLrDecay = FloatVector.broadcast(F, -c.lrTimesDecay());
        FloatVector decay = FloatVector.broadcast(F, c.weightDecay());
        FloatVector beta1 = FloatVector.broadcast(F, c.beta1());
        FloatVector beta2 = FloatVector.broadcast(F, c.beta2());
        int i = from;
        int upper = from + F.loopBound(to - from);
        for (; i < upper; i += LANES) {
            FloatVector pv = FloatVector.fromArray(F, p, po + i);
            FloatVector gv = FloatVector.fromArray(F, g, go + i);
            if (c.decoupled()) {
                pv = pv.fma(minusLrDecay, pv);
            } else {
                gv = pv.fma(decay, gv);
            }
            FloatVector mv = FloatVector.fromArray(F, m, mo + i).fma(beta1, gv.mul(c.oneMinusBeta1()));
            FloatVector vv = FloatVector.fromArray(F, v, vo + i).fma(beta2, gv.mul(gv).mul(c.oneMinusBeta2()));
            FloatVector step = mv.div(c.correction1()).mul(c.lr())
                    .div(vv.div(c.correction2()).sqrt().add(c.eps()));
            pv.sub(step).intoArray(p, po + i);
            mv.intoArray(m, mo + i);
            vv.intoArray(v, vo + i);
        }
        for (; i < to; i++) {
            float pv = p[po + i];
            float gv = g[go + i];
            if (c.decoupled()) {
                pv = Math.fma(pv, -c.lrTimesDecay(), pv);
            } else {
                gv = Math.fma(pv, c.weightDecay(), gv);
            }
            float mv = Math.fma(m[mo + i], c.beta1(), gv * c.oneMinusBeta1());
            float vv = Math.fma(v[vo + i], c.beta2(), gv * gv * c.oneMinusBeta2());
            float step = mv / c.correction1() * c.lr() / ((float) Math.sqrt(vv / c.correction2()) + c.eps());
            p[po + i] = pv - step;
            m[mo + i] = mv;
            v[vo + i] = vv;
        }
    }
}
