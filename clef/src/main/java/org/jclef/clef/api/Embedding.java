package org.jclef.clef.api;

/**
 * The embedding of one lead, stamped with what produced it.
 *
 * @param vector      the D floats (256 / 1024 / 2048 for CLEF-Small / -Medium / -Large); not copied
 * @param recipe      the preprocessing applied before the encoder ({@link ClefEncoder#RECIPE}, {@code clef-v1})
 * @param model       the encoder's configuration name ("small", "medium", "large")
 * @param weights     where the weights came from (a file, or "random init (seed S)")
 * @param source      the record id, or "samples" for a raw array
 * @param lead        the lead's name, or "" for a raw array
 * @param inputRate   the sampling rate of the input in Hz (before resampling to 500 Hz)
 * @param inputLength the number of input samples (before resampling, cropping or padding)
 */
public record Embedding(float[] vector, String recipe, String model, String weights, String source, String lead,
                        double inputRate, int inputLength) {

    /** The embedding dimension D. */
    public int dimension() {
        return vector.length;
    }
}
