/**
 * The library face of jclef: {@link org.jclef.clef.api.ClefEncoder} loads a CLEF encoder and turns
 * one lead of an ECG (a record, a file, or a raw array with its sampling rate) into an
 * {@link org.jclef.clef.api.Embedding}, applying the versioned {@code clef-v1} preprocessing
 * inside. Encoders are immutable and may be shared between threads.
 */
package org.jclef.clef.api;
