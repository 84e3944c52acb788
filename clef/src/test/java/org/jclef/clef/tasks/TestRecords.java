package org.jclef.clef.tasks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes small single-lead WFDB records (format 16, 1000 ADU/mV) for tests. */
public final class TestRecords {
    private TestRecords() {
    }

    /** Writes {@code name.hea} and {@code name.dat} in {@code dir}; returns the header. */
    public static Path write(Path dir, String name, double fs, double[] millivolts) throws IOException {
        Files.createDirectories(dir);
        ByteBuffer data = ByteBuffer.allocate(2 * millivolts.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : millivolts) {
            data.putShort((short) Math.round(v * 1000));
        }
        Files.write(dir.resolve(name + ".dat"), data.array());
        Path header = dir.resolve(name + ".hea");
        Files.writeString(header, String.format(Locale.ROOT, "%s 1 %s %d%n%s.dat 16 1000/mV 16 0 0 0 0 ECG%n",
                name, fs, millivolts.length, name));
        return header;
    }

    /**
     * A synthetic ECG-like lead: a beat every 60/rate seconds (a narrow Gaussian "R wave" of the
     * given amplitude) on a slow baseline, {@code seconds} long at {@code fs}.
     */
    public static double[] beats(double fs, double seconds, double rate, double amplitude, double phase) {
        int n = (int) Math.round(fs * seconds);
        double[] x = new double[n];
        double period = 60.0 / rate;
        for (int i = 0; i < n; i++) {
            double t = i / fs;
            double sinceBeat = ((t + phase) % period) - period / 2;
            x[i] = amplitude * Math.exp(-sinceBeat * sinceBeat / (2 * 0.012 * 0.012)) + 0.05 * Math.sin(2 * Math.PI * 0.3 * t);
        }
        return x;
    }
}
