package org.jclef.clef.augment;

/**
 * One real-noise array: {@code rows × columns} samples, row-major, in mV. Stored as float to keep
 * the simulator's four 15 × 1,805,556 arrays at ≈ 430 MB; the crop is rescaled in double.
 */
public record NoiseMatrix(String name, int rows, int columns, float[] data) {

    public NoiseMatrix {
        if (rows < 1 || columns < 1 || (long) rows * columns != data.length) {
            throw new IllegalArgumentException("noise matrix " + name + ": " + data.length + " values do not make "
                    + rows + " x " + columns);
        }
    }

    public float get(int row, int column) {
        return data[row * columns + column];
    }
}
