package org.jclef.clef.io;

/**
 * The WFDB signal file formats jclef decodes (PhysioNet {@code signal(5)}). Samples of the
 * signals in one file are interleaved frame by frame, and bit-packed formats pack consecutive
 * samples of that interleaved stream regardless of frame boundaries.
 *
 * <p>Each format reserves one value as the "invalid sample" marker (WFDB's
 * {@code WFDB_INVALID_SAMPLE}); {@link WfdbReader} turns those into NaN physical values.
 */
public enum WfdbFormat {
    /** 8-bit first differences, accumulated from the header's initial value. */
    DIFFERENCE_8(8, Integer.MIN_VALUE),
    /** 16-bit two's complement, little-endian. */
    INT16(16, -32768),
    /** 16-bit two's complement, big-endian. */
    INT16_BIG_ENDIAN(61, -32768),
    /** 8-bit offset binary (value − 128). */
    OFFSET_8(80, -128),
    /** 16-bit offset binary, little-endian (value − 32768). */
    OFFSET_16(160, -32768),
    /** Two 12-bit two's complement samples in 3 bytes. */
    PACKED_212(212, -2048),
    /** 24-bit two's complement, little-endian. */
    INT24(24, -8388608),
    /** 32-bit two's complement, little-endian. */
    INT32(32, Integer.MIN_VALUE),
    /** Three 10-bit samples in two 16-bit words (bits 1–10 of each word, then their top 5 bits). */
    PACKED_310(310, -512),
    /** Three 10-bit samples in the low 30 bits of a 32-bit little-endian word. */
    PACKED_311(311, -512);

    private final int code;
    private final int invalidMarker;

    WfdbFormat(int code, int invalidMarker) {
        this.code = code;
        this.invalidMarker = invalidMarker;
    }

    /** The number in the header's format field. */
    public int code() {
        return code;
    }

    /** Whether {@code digital} is this format's invalid-sample marker (format 8 has none). */
    public boolean isInvalid(int digital) {
        return this != DIFFERENCE_8 && digital == invalidMarker;
    }

    /** Looks a header format code up; null when unknown. */
    public static WfdbFormat ofCode(int code) {
        for (WfdbFormat f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        return null;
    }

    /** The codes jclef reads, for error messages. */
    public static String supportedCodes() {
        StringBuilder sb = new StringBuilder();
        for (WfdbFormat f : values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(f.code);
        }
        return sb.toString();
    }

    /** Bytes needed to hold {@code samples} consecutive samples of the interleaved stream. */
    public long bytesFor(long samples) {
        return switch (this) {
            case DIFFERENCE_8, OFFSET_8 -> samples;
            case INT16, INT16_BIG_ENDIAN, OFFSET_16 -> 2 * samples;
            case INT24 -> 3 * samples;
            case INT32 -> 4 * samples;
            case PACKED_212 -> 3 * (samples / 2) + (samples % 2 == 1 ? 2 : 0);
            case PACKED_310 -> 4 * (samples / 3) + switch ((int) (samples % 3)) {
                case 1 -> 2;
                case 2 -> 4;
                default -> 0;
            };
            case PACKED_311 -> 4 * ((samples + 2) / 3);
        };
    }

    /** How many whole samples {@code bytes} bytes hold. */
    public long samplesIn(long bytes) {
        return switch (this) {
            case DIFFERENCE_8, OFFSET_8 -> bytes;
            case INT16, INT16_BIG_ENDIAN, OFFSET_16 -> bytes / 2;
            case INT24 -> bytes / 3;
            case INT32 -> bytes / 4;
            case PACKED_212 -> 2 * (bytes / 3) + (bytes % 3 >= 2 ? 1 : 0);
            case PACKED_310 -> 3 * (bytes / 4) + (bytes % 4 >= 2 ? 1 : 0);
            case PACKED_311 -> 3 * (bytes / 4);
        };
    }

    /**
     * Decodes {@code count} samples starting at byte {@code offset} of {@code data} into
     * {@code out[0 … count)}. For {@link #DIFFERENCE_8} the raw signed differences are returned;
     * the caller accumulates them per signal. The caller guarantees that
     * {@code offset + bytesFor(count) <= data.length}.
     */
    void decode(byte[] data, int offset, int count, int[] out) {
        int p = offset;
        switch (this) {
            case DIFFERENCE_8 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = data[p++];
                }
            }
            case OFFSET_8 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = (data[p++] & 0xff) - 128;
                }
            }
            case INT16 -> {
                for (int i = 0; i < count; i++, p += 2) {
                    out[i] = (short) ((data[p] & 0xff) | (data[p + 1] << 8));
                }
            }
            case INT16_BIG_ENDIAN -> {
                for (int i = 0; i < count; i++, p += 2) {
                    out[i] = (short) ((data[p + 1] & 0xff) | (data[p] << 8));
                }
            }
            case OFFSET_16 -> {
                for (int i = 0; i < count; i++, p += 2) {
                    out[i] = ((data[p] & 0xff) | ((data[p + 1] & 0xff) << 8)) - 32768;
                }
            }
            case INT24 -> {
                for (int i = 0; i < count; i++, p += 3) {
                    out[i] = (data[p] & 0xff) | ((data[p + 1] & 0xff) << 8) | (data[p + 2] << 16);
                }
            }
            case INT32 -> {
                for (int i = 0; i < count; i++, p += 4) {
                    out[i] = (data[p] & 0xff) | ((data[p + 1] & 0xff) << 8) | ((data[p + 2] & 0xff) << 16)
                            | (data[p + 3] << 24);
                }
            }
            case PACKED_212 -> {
                for (int i = 0; i < count; i += 2, p += 3) {
                    int mid = data[p + 1] & 0xff;
                    out[i] = signExtend((data[p] & 0xff) | ((mid & 0x0f) << 8), 12);
                    if (i + 1 < count) {
                        out[i + 1] = signExtend((data[p + 2] & 0xff) | ((mid & 0xf0) << 4), 12);
                    }
                }
            }
            case PACKED_310 -> {
                for (int i = 0; i < count; i += 3, p += 4) {
                    int w0 = (data[p] & 0xff) | ((data[p + 1] & 0xff) << 8);
                    out[i] = signExtend(w0 >> 1, 10);
                    if (i + 1 < count) {
                        int w1 = (data[p + 2] & 0xff) | ((data[p + 3] & 0xff) << 8);
                        out[i + 1] = signExtend(w1 >> 1, 10);
                        if (i + 2 < count) {
                            out[i + 2] = signExtend(((w0 >> 11) & 0x1f) | (((w1 >> 11) & 0x1f) << 5), 10);
                        }
                    }
                }
            }
            case PACKED_311 -> {
                for (int i = 0; i < count; i += 3, p += 4) {
                    int w = (data[p] & 0xff) | ((data[p + 1] & 0xff) << 8) | ((data[p + 2] & 0xff) << 16)
                            | ((data[p + 3] & 0xff) << 24);
                    out[i] = signExtend(w, 10);
                    if (i + 1 < count) {
                        out[i + 1] = signExtend(w >> 10, 10);
                    }
                    if (i + 2 < count) {
                        out[i + 2] = signExtend(w >> 20, 10);
                    }
                }
            }
        }
    }

    private static int signExtend(int value, int bits) {
        int shift = 32 - bits;
        return (value << shift) >> shift;
    }
}
