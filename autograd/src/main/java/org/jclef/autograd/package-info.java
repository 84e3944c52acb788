/**
 * Reverse-mode automatic differentiation on jclef tensors.
 *
 * <ul>
 *   <li>{@link org.jclef.autograd.Variable}: a tape node (value, gradient, parents, backward closure)
 *       and {@code backward()}.</li>
 *   <li>{@link org.jclef.autograd.Ops}: the closed set of primitives, each with its forward and
 *       backward, all computed through {@link org.jclef.tensor.Backends#current()}.</li>
 *   <li>{@link org.jclef.autograd.Functions}: softmax, normalize, losses... composed from primitives.</li>
 *   <li>{@link org.jclef.autograd.GradMode}: the thread-local {@code noGrad()} scope.</li>
 *   <li>{@link org.jclef.autograd.GradCheck}: finite-difference gradient checks for any module's tests.</li>
 * </ul>
 */
package org.jclef.autograd;
