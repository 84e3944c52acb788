/**
 * Layers, each a {@link org.jclef.nn.Module} whose forward pass is built from
 * {@link org.jclef.autograd.Ops} primitives (so backward comes from the autograd), with shapes in
 * the Javadoc: {@link org.jclef.nn.layers.Conv1d} and its "same"-padding wrapper
 * {@link org.jclef.nn.layers.Conv1dSame}, {@link org.jclef.nn.layers.Linear},
 * {@link org.jclef.nn.layers.Swish}, {@link org.jclef.nn.layers.MaxPool1dSame} (zero padding, as
 * Net1D), {@link org.jclef.nn.layers.SqueezeExcite}, {@link org.jclef.nn.layers.BatchNorm1d},
 * {@link org.jclef.nn.layers.Dropout} and {@link org.jclef.nn.layers.GlobalAvgPool1d}. Each is held
 * to PyTorch by the nn module's parity tests (tools/torch-fixtures/nn_fixtures.py).
 */
package org.jclef.nn.layers;
