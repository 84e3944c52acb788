package org.jclef.clef.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads the interleaved sample stream of one WFDB signal group (the signals stored in one file):
 * finds the data start (the header's byte offset, or the MAT v4 header of a {@code .mat} file),
 * checks that the file holds every frame the header declares and decodes the samples.
 */
final class SignalFile {

    /**
     * The decoded stream: {@code frames · frameSize} samples, frame after frame.
     *
     * @param samples     decoded digital values (format 8: raw differences)
     * @param frames      whole frames decoded (≥ the declared count; more when skew needs them)
     * @param extraBytes  bytes after the last declared frame that were not needed
     */
    record Stream(int[] samples, long frames, long extraBytes) {
    }

    private static final int MAX_FRAME_SIZE = 1 << 20;

    private SignalFile() {
    }

    /**
     * Reads {@code declaredFrames} frames (or as many whole frames as the file holds when -1),
     * plus up to {@code extraFrames} more if the file has them (for skewed signals).
     */
    static Stream read(Path file, List<WfdbSignalSpec> group, long declaredFrames, int extraFrames, Path header)
            throws IOException {
        WfdbSignalSpec first = group.get(0);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "signal file named in " + header + " line "
                    + first.line() + " not found");
        }
        byte[] data = Files.readAllBytes(file);
        WfdbFormat format = first.format();
        long frameValues = 0;
        for (WfdbSignalSpec s : group) {
            if (s.format() != format || s.byteOffset() != first.byteOffset()) {
                throw RecordFormatException.atLine(header, s.line(), "signals stored in " + first.fileName()
                        + " must share one format and byte offset (line " + first.line() + " says "
                        + formatSpec(first) + ", this line " + formatSpec(s) + ")");
            }
            frameValues += s.samplesPerFrame();
        }
        if (frameValues > MAX_FRAME_SIZE) {
            throw RecordFormatException.atLine(header, first.line(), frameValues + " values per frame in "
                    + first.fileName() + " (at most " + MAX_FRAME_SIZE + ")");
        }
        int frameSize = (int) frameValues;
        long offset = Math.max(0, first.byteOffset());
        long frames = declaredFrames;
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mat")) {
            MatV4Header mat = MatV4Header.parse(file, data);
            if (mat.matchingFormat() != format) {
                throw RecordFormatException.atByte(file, 0, "MAT v4 element type (precision digit " + mat.precision()
                        + ") does not match WFDB format " + format.code() + " in " + header + " line " + first.line());
            }
            if (first.byteOffset() >= 0 && first.byteOffset() != mat.dataOffset()) {
                throw RecordFormatException.atByte(file, 0, "MAT v4 data start at byte " + mat.dataOffset()
                        + " but " + header + " line " + first.line() + " gives byte offset " + first.byteOffset());
            }
            if (mat.rows() != frameSize) {
                throw RecordFormatException.atByte(file, 4, "MAT v4 matrix has " + mat.rows() + " rows; "
                        + header + " stores " + frameSize + " samples per frame in this file");
            }
            if (declaredFrames >= 0 && mat.columns() != declaredFrames) {
                throw RecordFormatException.atByte(file, 8, "MAT v4 matrix has " + mat.columns()
                        + " columns (samples) but " + header + " declares " + declaredFrames);
            }
            offset = mat.dataOffset();
            frames = mat.columns();
        }
        if (offset > data.length) {
            throw RecordFormatException.atByte(file, data.length, "file ends before the data start at byte offset "
                    + offset + " (" + header + " line " + first.line() + ")");
        }
        long available = format.samplesIn(data.length - offset) / frameSize;
        if (frames < 0) {
            frames = available;
        }
        if (frames > available) {
            String need;
            try {
                need = Long.toString(Math.addExact(offset, format.bytesFor(Math.multiplyExact(frames, frameSize))));
            } catch (ArithmeticException overflow) {
                need = "more than 2^63";
            }
            throw RecordFormatException.atByte(file, data.length, "truncated: " + header + " declares " + frames
                    + " samples x " + frameSize + " values per frame in format " + format.code()
                    + " from byte offset " + offset + ", which needs " + need + " bytes; the file has "
                    + data.length + " (room for " + available + " samples)");
        }
        long readFrames = Math.min(frames + extraFrames, Math.max(frames, available));
        long count = readFrames * frameSize;
        if (count > Integer.MAX_VALUE - 8) {
            throw RecordFormatException.atByte(file, offset, "signal group of " + count
                    + " samples is too large to read at once");
        }
        int[] samples = new int[(int) count];
        format.decode(data, (int) offset, (int) count, samples);
        long extraBytes = data.length - (offset + format.bytesFor(count));
        return new Stream(samples, readFrames, extraBytes);
    }

    private static String formatSpec(WfdbSignalSpec s) {
        return s.format().code() + (s.byteOffset() >= 0 ? "+" + s.byteOffset() : "");
    }
}
