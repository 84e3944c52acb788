/**
 * Training: {@link org.jclef.nn.optim.Sgd} (momentum, dampening, Nesterov, L2),
 * {@link org.jclef.nn.optim.Adam} (Adam and AdamW through the backend's {@code adamUpdate}), both
 * with state dicts that resume bit-for-bit; closed-form learning-rate schedules
 * ({@link org.jclef.nn.optim.CosineWarmRestarts}, {@link org.jclef.nn.optim.OneCycle},
 * {@link org.jclef.nn.optim.LinearWarmup}) driven by a {@link org.jclef.nn.optim.Scheduler} per
 * epoch or per step; {@link org.jclef.nn.optim.GradClip} by global norm. Parameters without a
 * gradient are skipped entirely (spec §6: no update, no weight decay, no state).
 */
package org.jclef.nn.optim;
