package org.jclef.nn.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes the raw little-endian bytes of a storage record into a Java array, streaming in chunks
 * so that only the destination array is ever allocated at full size.
 *
 * <p>float32 → {@code float[]}; float64 → {@code double[]}; float16 and bfloat16 → {@code float[]}
 * (exact widening); every integer type and bool → {@code long[]} (exact).
 */
final class StorageDecoder {
    private static final int CHUNK_BYTES = 1 << 20;

    private StorageDecoder() {
    }

    /**
     * Reads exactly {@code n} elements of {@code dtype} from {@code in}; {@code what} names the
     * record in the exception thrown if the stream ends early.
     */
    static Object decode(InputStream in, TorchDType dtype, int n, String source, String what)
            throws IOException {
        Object out = switch (dtype) {
            case FLOAT32, FLOAT16, BFLOAT16 -> new float[n];
            case FLOAT64 -> new double[n];
            case INT64, INT32, INT16, INT8, UINT8, BOOL -> new long[n];
        };
        int size = dtype.elementBytes();
        byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, (long) n * size)];
        int perChunk = Math.max(1, chunk.length / size);
        for (int done = 0; done < n; ) {
            int count = Math.min(perChunk, n - done);
            int bytes = count * size;
            int read = in.readNBytes(chunk, 0, bytes);
            if (read < bytes) {
                throw new CheckpointException(source, what + " ends after "
                        + ((long) done * size + read) + " of " + (long) n * size
                        + " bytes (truncated file)");
            }
            ByteBuffer buf = ByteBuffer.wrap(chunk, 0, bytes).order(ByteOrder.LITTLE_ENDIAN);
            convert(buf, dtype, out, done, count);
            done += count;
        }
        return out;
    }

    private static void convert(ByteBuffer buf, TorchDType dtype, Object out, int at, int count) {
        switch (dtype) {
            case FLOAT32 -> buf.asFloatBuffer().get((float[]) out, at, count);
            case FLOAT64 -> buf.asDoubleBuffer().get((double[]) out, at, count);
            case FLOAT16 -> {
                float[] f = (float[]) out;
                for (int i = 0; i < count; i++) {
                    f[at + i] = Float.float16ToFloat(buf.getShort());
                }
            }
            case BFLOAT16 -> {
                float[] f = (float[]) out;
                for (int i = 0; i < count; i++) {
                    f[at + i] = Float.intBitsToFloat((buf.getShort() & 0xffff) << 16);
                }
            }
            case INT64 -> buf.asLongBuffer().get((long[]) out, at, count);
            case INT32 -> {
                long[] l = (long[]) out;
                for (int i = 0; i < count; i++) {
                    l[at + i] = buf.getInt();
                }
            }
            case INT16 -> {
                long[] l = (long[]) out;
                for (int i = 0; i < count; i++) {
                    l[at + i] = buf.getShort();
                }
            }
            case INT8 -> {
                long[] l = (long[]) out;
                for (int i = 0; i < count; i++) {
                    l[at + i] = buf.get();
                }
            }
            case UINT8 -> {
                long[] l = (long[]) out;
                for (int i = 0; i < count; i++) {
                    l[at + i] = buf.get() & 0xff;
                }
            }
            case BOOL -> {
                long[] l = (long[]) out;
                for (int i = 0; i < count; i++) {
                    l[at + i] = buf.get() != 0 ? 1 : 0;
                }
            }
        }
    }
}
