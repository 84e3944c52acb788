/**
 * The pretraining losses of spec §4, differentiable on the autograd core: the CLEF loss
 * ({@link org.jclef.clef.loss.ClefLoss}: risk-weighted InfoNCE plus similarity alignment) and the
 * baselines of §4.7 ({@link org.jclef.clef.loss.NtXentLoss}, {@link org.jclef.clef.loss.ByolLoss},
 * {@link org.jclef.clef.loss.MocoLoss} with its {@link org.jclef.clef.loss.MocoQueue}, and the
 * {@link org.jclef.clef.loss.EmaUpdate} of their target networks).
 *
 * <p>Every loss is a composition of {@link org.jclef.autograd.Ops} primitives (no backward code of
 * its own); metadata-derived matrices (risk similarity, negative weights, pair masks) are constants.
 * A batch of B patients has N = 2B views stacked as [all view 1; all view 2], so rows a and
 * (a + B) mod N are a positive pair. {@link org.jclef.clef.loss.LossKind} names the four losses.
 */
package org.jclef.clef.loss;
