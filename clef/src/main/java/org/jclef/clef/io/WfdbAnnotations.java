package org.jclef.clef.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads WFDB annotation files in the MIT format ({@code .atr}, LUDB's per-lead {@code .i},
 * {@code .ii}, …, CPSC's rhythm annotations): a stream of 16-bit little-endian words, each a
 * 6-bit type code A and a 10-bit field I. A = 1–49 is an annotation I samples after the previous
 * one; the pseudo-codes 59 (SKIP: a 32-bit interval follows), 60 (NUM), 61 (SUB), 62 (CHAN) and
 * 63 (AUX: I bytes of text follow, padded to even) modify it; A = 0, I = 0 ends the file.
 */
public final class WfdbAnnotations {
    private static final int SKIP = 59;
    private static final int NUM = 60;
    private static final int SUB = 61;
    private static final int CHAN = 62;
    private static final int AUX = 63;
    /** Mnemonics of the annotation codes 0–49 (WFDB's ecgcodes.h); "" where unassigned. */
    private static final String[] MNEMONICS = {
        "", "N", "L", "R", "a", "V", "F", "J", "A", "S", "E", "j", "/", "Q", "~", "", "|", "", "s", "T",
        "*", "D", "\"", "=", "p", "B", "^", "t", "+", "u", "?", "!", "[", "]", "e", "n", "@", "x", "f", "(",
        ")", "r", "", "", "", "", "", "", "", ""};

    /**
     * One annotation.
     *
     * @param sample   sample index (time) of the annotation
     * @param code     annotation type code (1–49)
     * @param symbol   its mnemonic ({@code N}, {@code V}, {@code +}, {@code p}, {@code (}, …)
     * @param subtype  the SUB field (0 when absent)
     * @param channel  the CHAN field (0 when absent)
     * @param number   the NUM field (0 when absent)
     * @param aux      the AUX text (e.g. a rhythm {@code (AFIB}), "" when absent
     */
    public record Annotation(long sample, int code, String symbol, int subtype, int channel, int number, String aux) {
    }

    private WfdbAnnotations() {
    }

    public static List<Annotation> read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        List<Annotation> out = new ArrayList<>();
        long time = 0;
        int channel = 0;
        int number = 0;
        int p = 0;
        while (p + 1 < b.length) {
            int word = (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8);
            int a = word >>> 10;
            int i = word & 0x3ff;
            int at = p;
            p += 2;
            if (a == 0 && i == 0) {
                return out;
            }
            switch (a) {
                case SKIP -> {
                    if (p + 4 > b.length) {
                        throw RecordFormatException.atByte(file, at, "SKIP without its 4-byte interval");
                    }
                    int high = (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8);
                    int low = (b[p + 2] & 0xff) | ((b[p + 3] & 0xff) << 8);
                    time += (high << 16) | low;
                    p += 4;
                }
                case NUM -> number = signed10(i);
                case SUB -> modifyLast(file, at, out, last -> withSubtype(last, signed10(i)));
                case CHAN -> channel = i;
                case AUX -> {
                    if (p + i > b.length) {
                        throw RecordFormatException.atByte(file, at, "AUX text of " + i + " bytes runs past the end");
                    }
                    String text = new String(b, p, i, java.nio.charset.StandardCharsets.ISO_8859_1);
                    int nul = text.indexOf('\0');
                    String aux = nul >= 0 ? text.substring(0, nul) : text;
                    modifyLast(file, at, out, last -> withAux(last, aux));
                    p += i + (i & 1);
                }
                default -> {
                    if (a > 49) {
                        throw RecordFormatException.atByte(file, at, "unknown annotation code " + a);
                    }
                    time += i;
                    out.add(new Annotation(time, a, MNEMONICS[a], 0, channel, number, ""));
                }
            }
        }
        throw RecordFormatException.atByte(file, b.length, "annotation file ends without its end marker");
    }

    private static int signed10(int v) {
        return (v << 22) >> 22;
    }

    private static Annotation withSubtype(Annotation a, int subtype) {
        return new Annotation(a.sample(), a.code(), a.symbol(), subtype, a.channel(), a.number(), a.aux());
    }

    private static Annotation withAux(Annotation a, String aux) {
        return new Annotation(a.sample(), a.code(), a.symbol(), a.subtype(), a.channel(), a.number(), aux);
    }

    private static void modifyLast(Path file, int at, List<Annotation> out,
                                   java.util.function.UnaryOperator<Annotation> f) throws RecordFormatException {
        if (out.isEmpty()) {
            throw RecordFormatException.atByte(file, at, "modifier before the first annotation");
        }
        out.set(out.size() - 1, f.apply(out.get(out.size() - 1)));
    }
}
