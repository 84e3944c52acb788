/**
 * Neural-network modules on the autograd, in PyTorch's shape.
 *
 * <ul>
 *   <li>{@link org.jclef.nn.Module}: named parameters, buffers and children with PyTorch's dotted
 *       state-dict keys and order; {@code train()}/{@code eval()}; parameter counts; zero-grad;
 *       strict {@code loadStateDict}.</li>
 *   <li>{@link org.jclef.nn.Parameter}: a lazily allocated autograd leaf, so models can be built and
 *       counted without memory; {@link org.jclef.nn.Buffer}: non-trainable state (BatchNorm's running
 *       statistics); {@link org.jclef.nn.ModuleList}: numbered children.</li>
 *   <li>{@link org.jclef.nn.Init}: the dtype a model is built in (F32, or F64 for verification) and
 *       its seeded random stream, split per parameter; PyTorch's default U(−1/√fan_in, 1/√fan_in).</li>
 *   <li>{@link org.jclef.nn.StateDicts}: state dicts as safetensors files (jclef's checkpoints).</li>
 *   <li>{@code org.jclef.nn.layers}: the layers; {@code org.jclef.nn.optim}: optimisers, learning-rate
 *       schedules, gradient clipping; {@code org.jclef.nn.checkpoint}: PyTorch checkpoint import.</li>
 * </ul>
 */
package org.jclef.nn;
