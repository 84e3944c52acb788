package org.jclef.tensor;

/**
 * One Adam/AdamW update's hyper-parameters. {@code step} counts from 1 and drives the bias
 * corrections. With {@code decoupled} the weight decay is AdamW's (p ← p − lr·wd·p before the
 * Adam step); otherwise it is Adam's L2 term added to the gradient.
 */
public record AdamStep(double lr, double beta1, double beta2, double eps, double weightDecay,
                       boolean decoupled, long step) {

    public AdamStep {
        if (step < 1) {
            throw new IllegalArgumentException("adam: step must start at 1, got " + step);
        }
        if (!(lr >= 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps >= 0)
                || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("adam: invalid hyper-parameters " + this);
        }
    }
}
