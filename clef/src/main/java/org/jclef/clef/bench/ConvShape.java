package org.jclef.clef.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jclef.nn.layers.Conv1dSame;
import org.jclef.tensor.Conv1dGeometry;

/**
 * One 1-D convolution call with Net1D's "same" padding: {@code x: [batch, inChannels, length]},
 * {@code w: [outChannels, inChannels/groups, kernel]}, {@code y: [batch, outChannels, ⌈length/stride⌉]}.
 *
 * <p>Written and parsed as a compact spec, {@code n64,c128,o128,g32,k16,l1250,s1} (batch, input
 * channels, output channels, groups, kernel, input length, stride); {@code o} defaults to {@code c},
 * {@code g}, {@code k} and {@code s} to 1.
 */
public record ConvShape(int batch, int inChannels, int outChannels, int groups, int kernel, int length, int stride) {

    public ConvShape {
        if (batch < 1 || inChannels < 1 || outChannels < 1 || groups < 1 || kernel < 1 || length < 1 || stride < 1
                || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("ConvShape: invalid " + spec(batch, inChannels, outChannels, groups,
                    kernel, length, stride) + " (expected positive sizes and channels divisible by the groups)");
        }
    }

    /** The output length ⌈length/stride⌉. */
    public int outLength() {
        return Math.ceilDiv(length, stride);
    }

    /** The stride, "same" padding and groups of this call. */
    public Conv1dGeometry geometry() {
        Conv1dSame.Padding pad = Conv1dSame.padding(length, kernel, stride);
        return new Conv1dGeometry(stride, pad.left(), pad.right(), groups);
    }

    /**
     * Counted FLOPs of the forward pass: 2 per multiply-add, {@code 2·N·C_out·L_out·(C_in/g)·K}
     * (bias and padding taps not subtracted). The backward-data and backward-weight passes count
     * the same.
     */
    public double forwardFlops() {
        return 2.0 * batch * outChannels * outLength() * ((double) inChannels / groups) * kernel;
    }

    /** The same call with another batch. */
    public ConvShape withBatch(int n) {
        return new ConvShape(n, inChannels, outChannels, groups, kernel, length, stride);
    }

    /** A kernel-1, stride-1 convolution: the GEMM {@code [C_out, C_in] · [C_in, L]} per batch entry. */
    public boolean isPointwise() {
        return kernel == 1 && stride == 1 && groups == 1;
    }

    /** The spec string, e.g. {@code n64,c128,o128,g32,k16,l1250,s1}. */
    @Override
    public String toString() {
        return spec(batch, inChannels, outChannels, groups, kernel, length, stride);
    }

    private static String spec(int n, int c, int o, int g, int k, int l, int s) {
        return String.format(Locale.ROOT, "n%d,c%d,o%d,g%d,k%d,l%d,s%d", n, c, o, g, k, l, s);
    }

    /** Parses a spec string ({@link #toString()}'s form; {@code o}, {@code g}, {@code k}, {@code s} optional). */
    public static ConvShape parse(String spec) {
        Map<Character, Integer> fields = new LinkedHashMap<>();
        for (String part : spec.trim().split(",")) {
            String p = part.trim();
            char key = p.isEmpty() ? '?' : p.charAt(0);
            if ("ncogkls".indexOf(key) < 0 || p.length() < 2) {
                throw new IllegalArgumentException(badSpec(spec, "'" + p
                        + "' is not one of n, c, o, g, k, l, s followed by a number"));
            }
            int value;
            try {
                value = Integer.parseInt(p.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(badSpec(spec, "'" + p + "' has no integer after '" + key + "'"), e);
            }
            if (fields.put(key, value) != null) {
                throw new IllegalArgumentException(badSpec(spec, "'" + key + "' given twice"));
            }
        }
        for (char required : new char[] {'n', 'c', 'l'}) {
            if (!fields.containsKey(required)) {
                throw new IllegalArgumentException(badSpec(spec, "'" + required + "' is missing"));
            }
        }
        int c = fields.get('c');
        return new ConvShape(fields.get('n'), c, fields.getOrDefault('o', c), fields.getOrDefault('g', 1),
                fields.getOrDefault('k', 1), fields.get('l'), fields.getOrDefault('s', 1));
    }

    private static String badSpec(String spec, String why) {
        return "convolution shape '" + spec + "': " + why + " (expected e.g. n64,c128,o128,g32,k16,l1250,s1)";
    }
}
