package org.jclef.clef.augment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jclef.clef.io.MatArray;
import org.jclef.clef.io.MatV5Reader;
import org.jclef.clef.io.RecordFormatException;

/**
 * The reference noise source (spec §3.5): the PhysioNet "ECG/PPG simulator for arrhythmia"
 * v1.3.1 file {@code DATA_noises_real.mat}, four 15 × N arrays ({@code motion_artefacts},
 * {@code electrode_movement}, {@code baseline_wander}, {@code mixture_of_noises}). The file is not
 * bundled; the user provides it, as the MAT v5 file or in the flat form of
 * {@link #fromFlat}. For a view of L samples:
 * <ol>
 *   <li>crop L columns starting at s ~ U{0, …, N − L − 1} ({@code rng.nextInt(N − L)});</li>
 *   <li>rescale the view's row of the crop to a population std of 0.1 (mean kept);</li>
 *   <li>the row is chosen by {@link LeadRowLookup} (the reference's case-sensitive lookup
 *       must be asked for explicitly);</li>
 *   <li>when N ≤ L, the first ⌊N/2⌋ columns are tiled to length L instead. The noise is
 *       recorded at 1 kHz and is not resampled, so against a 500 Hz ECG it plays at 2× speed
 *       (reference behaviour, spec §9.2).</li>
 * </ol>
 */
public final class RealNoise implements NoiseSource {
    /** Rows every matrix must have (12 leads + X, Y, Z). */
    public static final int ROWS = 15;

    /** Element type of the flat conversion's raw files. */
    public enum FlatType {
        FLOAT32(".f32", 4), FLOAT64(".f64", 8);

        final String extension;
        final int bytes;

        FlatType(String extension, int bytes) {
            this.extension = extension;
            this.bytes = bytes;
        }
    }

    private final Map<NoiseOption, NoiseMatrix> matrices;
    private final LeadRowLookup lookup;
    private final String source;

    public RealNoise(Map<NoiseOption, NoiseMatrix> matrices, LeadRowLookup lookup, String source) {
        for (NoiseOption o : NoiseOption.values()) {
            if (o == NoiseOption.IDENTITY) {
                continue;
            }
            NoiseMatrix m = matrices.get(o);
            if (m == null) {
                throw new IllegalArgumentException(source + ": no noise array '" + o.matrixName() + "'");
            }
            if (m.rows() != ROWS || m.columns() < 2) {
                throw new IllegalArgumentException(source + ": noise array '" + o.matrixName() + "' is " + m.rows()
                        + " x " + m.columns() + ", expected " + ROWS + " x N (N >= 2)");
            }
        }
        this.matrices = new EnumMap<>(matrices);
        this.lookup = lookup;
        this.source = source;
    }

    /**
     * Loads the four arrays from the simulator's MAT v5 file. Each array is converted to float as
     * soon as it is read, so the peak memory is the floats (≈ 430 MB for the real file) plus one
     * decompressed array.
     */
    public static RealNoise fromMat(Path file, LeadRowLookup lookup) throws IOException {
        Map<NoiseOption, NoiseMatrix> out = new EnumMap<>(NoiseOption.class);
        List<String> seen = new ArrayList<>();
        MatV5Reader.forEach(file, a -> {
            seen.add(a.name());
            for (NoiseOption o : NoiseOption.values()) {
                if (o != NoiseOption.IDENTITY && o.matrixName().equals(a.name())) {
                    out.put(o, toMatrix(file, a));
                }
            }
        });
        for (NoiseOption o : NoiseOption.values()) {
            if (o != NoiseOption.IDENTITY && !out.containsKey(o)) {
                throw new RecordFormatException(file + ": no numeric variable '" + o.matrixName() + "' (found "
                        + seen + ")");
            }
        }
        return new RealNoise(out, lookup, file.toString());
    }

    private static NoiseMatrix toMatrix(Path file, MatArray a) throws RecordFormatException {
        if (a.dims().length != 2 || a.rows() != ROWS) {
            throw new RecordFormatException(file + ": variable '" + a.name() + "' has dimensions "
                    + Arrays.toString(a.dims()) + ", expected [" + ROWS + ", N]");
        }
        int cols = Math.toIntExact(a.columns());
        float[] data = new float[Math.multiplyExact(ROWS, cols)];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < cols; c++) {
                data[r * cols + c] = (float) a.get(r, c);
            }
        }
        return new NoiseMatrix(a.name(), ROWS, cols, data);
    }

    /**
     * Loads the flat conversion: one file per array in {@code dir}, named
     * {@code <array name>.f32} or {@code .f64}, raw little-endian values in row-major (C) order,
     * {@code 15 × columns} of them ({@code tools/noise_mat_to_flat.py} writes these).
     */
    public static RealNoise fromFlat(Path dir, FlatType type, int columns, LeadRowLookup lookup) throws IOException {
        Map<NoiseOption, NoiseMatrix> out = new EnumMap<>(NoiseOption.class);
        for (NoiseOption o : NoiseOption.values()) {
            if (o == NoiseOption.IDENTITY) {
                continue;
            }
            Path file = dir.resolve(o.matrixName() + type.extension);
            long expected = (long) ROWS * columns * type.bytes;
            if (!Files.isRegularFile(file)) {
                throw new java.nio.file.NoSuchFileException(file.toString(), null, "flat noise array missing");
            }
            long size = Files.size(file);
            if (size != expected) {
                throw new RecordFormatException(file + ": " + size + " bytes, expected " + expected + " (" + ROWS
                        + " x " + columns + " " + type + ")");
            }
            float[] data = new float[Math.multiplyExact(ROWS, columns)];
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < data.length; i++) {
                    data[i] = type == FlatType.FLOAT32 ? buf.getFloat(4 * i) : (float) buf.getDouble(8 * i);
                }
            }
            out.put(o, new NoiseMatrix(o.matrixName(), ROWS, columns, data));
        }
        return new RealNoise(out, lookup, dir.toString());
    }

    @Override
    public double[] sample(NoiseOption option, String lead, int length, RandomGenerator rng) {
        NoiseMatrix m = matrices.get(option);
        if (m == null) {
            throw new IllegalArgumentException("real noise: no array for option " + option);
        }
        int row = lookup.row(lead);
        double[] out = new double[length];
        if (m.columns() > length) {
            int start = rng.nextInt(m.columns() - length);
            for (int i = 0; i < length; i++) {
                out[i] = m.get(row, start + i);
            }
        } else {
            int half = m.columns() / 2;
            for (int i = 0; i < length; i++) {
                out[i] = m.get(row, i % half);
            }
        }
        NoiseSource.rescale(out);
        return out;
    }

    @Override
    public boolean isReference() {
        return lookup == LeadRowLookup.REFERENCE_CASE_SENSITIVE;
    }

    @Override
    public String describe() {
        return "real noise from " + source + " (lead rows: " + lookup + ")";
    }
}
