/**
 * CLEF's encoder: {@link org.jclef.clef.model.Net1D} (spec §2) and its three scales
 * {@link org.jclef.clef.model.Net1DConfig} (§2.5), with checkpoint loading from safetensors and
 * PyTorch .pt/.ckpt files (§8) and {@code embed} for inference.
 */
package org.jclef.clef.model;
