package org.jclef.clef.loss;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jclef.autograd.Functions;
import org.jclef.autograd.Ops;
import org.jclef.autograd.Variable;
import org.jclef.tensor.DType;

/**
 * The CLEF loss (spec §4): L = (L_nce + L_align) / 2 on the raw pooled embeddings.
 *
 * <p>Notation (§4.1): B patients, N = 2B views, p(a) = (a + B) mod N the positive of view a,
 * u_a = z_a / max(‖z_a‖, 1e−12), s = u·uᵀ the N × N cosine similarities (diagonal included),
 * ℓ = s/τ. M is the tiled risk similarity and w the row-softmax of 1 − M ({@link RiskSimilarity}):
 * metadata-only constants.
 *
 * <ul>
 * <li><b>Risk-weighted InfoNCE</b> (§4.3), every view an anchor, with m_a = max_{b≠a} ℓ_ab:
 * L_nce = −(1/N) Σ_a log(E_a / (E_a + Σ_{b∉{a,p(a)}} w_ab e^{ℓ_ab − m_a} + 1e−8)),
 * E_a = e^{ℓ_{a,p(a)} − m_a}. Computed per anchor as a log-sum-exp over the row
 * v_ab = (ℓ_ab − m_a) + log w_ab for negatives, (ℓ_ab − m_a) for the (unweighted) positive and
 * log 1e−8 in the self slot, minus (ℓ_{a,p(a)} − m_a): the same value, without overflow. m_a is
 * not detached: the loss is differentiated as written, so the gradient also flows through each
 * row's arg-max. It matters only through the 1e−8 term (about 1e−7 of the gradient, seen by the
 * float64 parity test against PyTorch's non-detached max).</li>
 * <li><b>Similarity alignment</b> (§4.4): Ŝ = (s − min s)/(max s − min s + 1e−6) over the whole
 * matrix, L_align = mean over all N² entries of (Ŝ − M)²; the gradient flows through the entries
 * attaining the min and the max (ties share it evenly).</li>
 * </ul>
 * With one term disabled in {@link ClefLossConfig}, the loss is that term alone (the mean of the
 * enabled terms). Works for any B ≥ 1, in F32 and F64. A trainer logs {@link ClefLossConfig#describe()}
 * at start-up, which names the metadata mode (§4.6).
 *
 * <pre>{@code
 * ContrastiveLoss loss = new ClefLoss(ClefLossConfig.defaults());
 * LossOutput out = loss.compute(z, BatchMetadata.ofRisks(0.05, 0.10, Double.NaN));  // z: [6, D]
 * out.loss().backward();          // spec T6: loss 0.395512, nce 0.724345, align 0.066679
 * }</pre>
 */
public final class ClefLoss implements ContrastiveLoss {
    /** The ε inside the InfoNCE logarithm's denominator. */
    public static final double NCE_EPS = 1e-8;

    private final ClefLossConfig config;

    public ClefLoss(ClefLossConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("ClefLoss: config is null");
        }
        this.config = config;
    }

    public ClefLossConfig config() {
        return config;
    }

    /**
     * L and its enabled terms "nce" and "align".
     *
     * @param z embeddings {@code [2B, D]}
     * @param metadata the B patients' risks (and rate_meta for the mask path)
     */
    @Override
    public LossOutput compute(Variable z, BatchMetadata metadata) {
        int n = ViewPairs.views("ClefLoss", z);
        int b = n / 2;
        if (metadata == null || metadata.patients() != b) {
            throw new IllegalArgumentException("ClefLoss: embeddings " + Arrays.toString(z.shape()) + " hold "
                    + b + " patients but the metadata has " + (metadata == null ? "none" : metadata.patients()
                    + " risks"));
        }
        double[] target = RiskSimilarity.tile(RiskSimilarity.similarity(metadata, config.floor(), config.metadata()), b);
        Variable u = Functions.normalize(z, 1);
        Variable s = Ops.matmul(u, false, u, true);

        Map<String, Variable> terms = new LinkedHashMap<>();
        if (config.nce()) {
            terms.put("nce", weightedInfoNce(s, RiskSimilarity.logWeights(target, n), n));
        }
        if (config.align()) {
            terms.put("align", alignment(s, Variable.constant(ViewPairs.matrix(z.dtype(), target, n, n))));
        }
        Variable total = null;
        for (Variable term : terms.values()) {
            total = total == null ? term : Ops.add(total, term);
        }
        return new LossOutput(terms.size() == 1 ? total : Functions.mulScalar(total, 1.0 / terms.size()), terms);
    }

    /**
     * L_nce from the cosine similarities {@code s: [N, N]} and the negative log-weights
     * {@code logW: [N, N]} (only the entries b ∉ {a, p(a)} are used). Rank-0 result.
     */
    private Variable weightedInfoNce(Variable s, double[] logW, int n) {
        DType dtype = s.dtype();
        Variable logits = Functions.mulScalar(s, 1 / config.temperature());
        Variable rowMax = Ops.max(Ops.add(logits, Variable.constant(ViewPairs.selfExcluded(dtype, n))), 1);
        Variable shifted = Ops.sub(logits, rowMax);

        double[] offsets = new double[n * n];
        double logEps = Math.log(NCE_EPS);
        for (int a = 0; a < n; a++) {
            int p = ViewPairs.partner(a, n);
            for (int c = 0; c < n; c++) {
                offsets[a * n + c] = c == a ? logEps : c == p ? 0 : logW[a * n + c];
            }
        }
        Variable row = Ops.add(Ops.mul(shifted, Variable.constant(ViewPairs.offDiagonal(dtype, n))),
                Variable.constant(ViewPairs.matrix(dtype, offsets, n, n)));
        Variable positive = Ops.sum(Ops.mul(shifted, Variable.constant(ViewPairs.positives(dtype, n))), 1);
        return Functions.mean(Ops.sub(Ops.logSumExp(row, 1), positive));
    }

    /** L_align = mean((Ŝ − M)²) with Ŝ the whole-matrix min–max of {@code s: [N, N]}. Rank-0 result. */
    private static Variable alignment(Variable s, Variable target) {
        Variable min = Functions.min(s);
        Variable range = Functions.addScalar(Ops.sub(Functions.max(s), min), RiskSimilarity.RANGE_EPS);
        return Functions.mse(Ops.div(Ops.sub(s, min), range), target);
    }

    @Override
    public String toString() {
        return "ClefLoss" + config;
    }
}
