/**
 * Downstream evaluation (spec §7): linear probes on frozen embeddings, test metrics with bootstrap
 * confidence intervals, and seeded data splits. Plain Java on {@code float[][]} embeddings and
 * {@code double[]} scores; nothing here depends on the model.
 *
 * <h2>Pieces</h2>
 * <ul>
 * <li>{@link org.jclef.clef.eval.LinearProbe}: standardise on train ({@link
 *     org.jclef.clef.eval.Standardizer}), fit a regularisation grid, choose on validation, report
 *     test metrics ({@link org.jclef.clef.eval.ProbeResult}, as a text table or JSON).</li>
 * <li>{@link org.jclef.clef.eval.LogisticRegression} (L-BFGS, {@link org.jclef.clef.eval.Lbfgs})
 *     and {@link org.jclef.clef.eval.RidgeRegression} (Cholesky): scikit-learn's objectives, the
 *     intercept unpenalised.</li>
 * <li>{@link org.jclef.clef.eval.Metrics}: AUROC, AUPRC, ROC curves, macro averages, accuracy, MAE,
 *     RMSE, R², each a {@link org.jclef.clef.eval.Metric} that {@link org.jclef.clef.eval.Bootstrap}
 *     resamples by weighting.</li>
 * <li>{@link org.jclef.clef.eval.Splits}: stratified, multilabel (iterative stratification),
 *     regression (target-sorted blocks), plain and group (patient) k-fold, and group partitions.</li>
 * </ul>
 *
 * <h2>Choices</h2>
 * <ul>
 * <li><b>Regularisation</b> is chosen by validation loss (log loss; MSE for ridge) by default —
 *     smooth and defined even when a class is missing from the validation split — or by AUROC
 *     (classification) or MAE (regression). Multilabel probes choose C per label.</li>
 * <li><b>Undefined metrics</b> are NaN and are reported to a {@link org.jclef.clef.eval.WarningSink}.
 *     Macro averages default to {@link org.jclef.clef.eval.MacroRule#STRICT} (NaN if any column is
 *     undefined: the reference implementation's behaviour, spec §7.4);
 *     {@link org.jclef.clef.eval.MacroRule#SKIP_UNDEFINED} averages the defined columns.</li>
 * <li><b>Bootstrap</b>: percentile intervals over test samples, B = 1000, seed 42; a resample on
 *     which a metric is undefined is skipped and counted.</li>
 * <li><b>Determinism</b>: the same inputs and seeds give bitwise-identical results for any number
 *     of threads (fixed work blocks, fixed summation order, split random streams).</li>
 * </ul>
 */
package org.jclef.clef.eval;
