package org.jclef.clef.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jclef.clef.model.Net1DConfig;

/** Synthetic WFDB records (format 16, 1000 ADU/mV) and a tiny Net1D for fast training tests. */
public final class TestRecords {
    /** Two stages, 4 and 8 channels: a few hundred weights, milliseconds per step. */
    public static final Net1DConfig TINY = new Net1DConfig("tiny", 1, 4, 16, 2, 0.5, List.of(4, 8), List.of(1, 1), 2,
            false, 0.0);

    private TestRecords() {
    }

    /** An ECG-like lead: a heartbeat-ish pulse train plus a patient- and lead-specific sinusoid, in mV. */
    public static double[] lead(int patient, int lead, int samples, double fs) {
        double[] x = new double[samples];
        double rate = 0.9 + 0.1 * (patient % 7);
        for (int t = 0; t < samples; t++) {
            double s = t / fs;
            double phase = (s * rate) % 1.0;
            x[t] = Math.exp(-Math.pow((phase - 0.3) / 0.02, 2)) * (1 + 0.2 * lead)
                    + 0.1 * Math.sin(2 * Math.PI * (1 + patient % 3) * s + lead);
        }
        return x;
    }

    /**
     * Writes {@code name.hea} and {@code name.dat} in {@code dir}. NaN samples are written as the
     * invalid-sample marker.
     */
    public static Path write(Path dir, String name, double fs, List<String> leadNames, double[][] millivolts,
                      List<String> comments) throws IOException {
        Files.createDirectories(dir);
        int n = millivolts[0].length;
        ByteBuffer data = ByteBuffer.allocate(2 * n * millivolts.length).order(ByteOrder.LITTLE_ENDIAN);
        int[] sums = new int[millivolts.length];
        for (int t = 0; t < n; t++) {
            for (int l = 0; l < millivolts.length; l++) {
                double v = millivolts[l][t];
                short d = Double.isNaN(v) ? Short.MIN_VALUE : (short) Math.round(v * 1000);
                sums[l] += d;
                data.putShort(d);
            }
        }
        Files.write(dir.resolve(name + ".dat"), data.array());
        StringBuilder header = new StringBuilder(name + " " + millivolts.length + " " + fs + " " + n + "\n");
        for (int l = 0; l < millivolts.length; l++) {
            int first = Double.isNaN(millivolts[l][0]) ? Short.MIN_VALUE : (int) Math.round(millivolts[l][0] * 1000);
            header.append(name).append(".dat 16 1000/mV 16 0 ").append(first).append(' ').append((short) sums[l])
                    .append(" 0 ").append(leadNames.get(l)).append('\n');
        }
        for (String c : comments) {
            header.append("# ").append(c).append('\n');
        }
        Path hea = dir.resolve(name + ".hea");
        Files.writeString(hea, header.toString());
        return hea;
    }

    /** {@code count} three-lead records p000 … at 500 Hz with {@code samples} samples and age/sex comments. */
    public static void writeFolder(Path dir, int count, int samples) throws IOException {
        for (int p = 0; p < count; p++) {
            double[][] leads = new double[3][];
            for (int l = 0; l < 3; l++) {
                leads[l] = lead(p, l, samples, 500);
            }
            write(dir, String.format("p%03d", p), 500, List.of("I", "II", "V1"), leads,
                    List.of("Age: " + (45 + p), "Sex: " + (p % 2 == 0 ? "Male" : "Female")));
        }
    }
}
