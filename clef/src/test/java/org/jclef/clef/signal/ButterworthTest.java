package org.jclef.clef.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** T3 (spec §11) and the design for other orders and rates against SciPy's {@code butter}. */
class ButterworthTest {

    @Test
    void designAgreesWithTheSpecConstantsWithinTwoUlps() {
        for (double fs : new double[] {500, 250}) {
            TransferFunction designed = Butterworth.bandPass(5, 0.67, 40, fs);
            TransferFunction spec = ClefFilterConstants.transferFunction(fs);
            for (int i = 0; i < 11; i++) {
                assertEquals(spec.b()[i], designed.b()[i], 2 * Math.ulp(spec.b()[i]), "b[" + i + "] at " + fs);
                assertEquals(spec.a()[i], designed.a()[i], 2 * Math.ulp(spec.a()[i]), "a[" + i + "] at " + fs);
            }
        }
    }

    @Test
    void specConstantsHaveTheT3Structure() {
        TransferFunction tf = ClefFilterConstants.transferFunction(500);
        double c = 4.545724347439926e-4;
        double[] pattern = {1, 0, -5, 0, 10, 0, -10, 0, 5, 0, -1};
        for (int i = 0; i < 11; i++) {
            assertEquals(c * pattern[i], tf.b()[i], 0.0);
        }
        assertEquals(1.0, tf.a()[0]);
        assertEquals(0.19791655995316332, tf.a()[10], 0.0);
        assertEquals(-6.767442530310405, ClefFilterConstants.transferFunction(250).a()[1], 0.0);
        double[] zi = ClefFilterConstants.referenceInitialState(500);
        assertEquals(-4.5725353319083753e-4, zi[0], 0.0);
        assertEquals(-4.540418009624973e-4, zi[9], 0.0);
        assertEquals(-8.409934475713546e-3, ClefFilterConstants.referenceInitialState(250)[9], 0.0);
        assertThrows(IllegalArgumentException.class, () -> ClefFilterConstants.transferFunction(360));
    }

    @Test
    void matchesScipyButterForOtherOrdersAndRates() throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("butter_designs.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int checked = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\\|");
            String[] head = parts[0].trim().split(" ");
            int order = Integer.parseInt(head[0]);
            double low = Double.parseDouble(head[1]);
            double high = Double.parseDouble(head[2]);
            double fs = Double.parseDouble(head[3]);
            double[] b = parse(parts[1]);
            double[] a = parse(parts[2]);
            TransferFunction tf = Butterworth.bandPass(order, low, high, fs);
            assertEquals(2 * order + 1, tf.a().length);
            for (int i = 0; i < a.length; i++) {
                double scale = Math.max(1e-300, Math.abs(a[i]));
                assertEquals(a[i], tf.a()[i], 1e-12 * Math.max(1, scale), "a[" + i + "] " + line);
                assertEquals(b[i], tf.b()[i], 1e-12 * Math.abs(b[0]), "b[" + i + "] " + line);
            }
            checked++;
        }
        assertEquals(8, checked);
    }

    @Test
    void sectionsRealiseTheSameFilterAsTheTransferFunction() {
        for (double fs : new double[] {500, 250, 360, 1000}) {
            TransferFunction tf = Butterworth.bandPass(5, 0.67, 40, fs);
            SecondOrderSections sos = Butterworth.bandPassSections(5, 0.67, 40, fs);
            // Evaluating the 10th-order polynomials in double cancels badly at low frequencies
            // (off by 5 % at 2 Hz for fs 1000), so compare from 10 Hz up.
            for (double f : new double[] {10, 40, 60, fs / 2 - 1}) {
                double w = 2 * Math.PI * f / fs;
                double tfGain = magnitude(tf, w);
                double sosGain = 1;
                for (int s = 0; s < sos.count(); s++) {
                    sosGain *= magnitude(sos.section(s), w);
                }
                assertEquals(tfGain, sosGain, 1e-4, "|H| at " + f + " Hz, fs " + fs);
            }
            for (double edge : new double[] {0.67, 40}) {
                double g = 1;
                for (int s = 0; s < sos.count(); s++) {
                    g *= magnitude(sos.section(s), 2 * Math.PI * edge / fs);
                }
                assertEquals(Math.sqrt(0.5), g, 1e-9, "-3 dB at " + edge + " Hz, fs " + fs);
            }
        }
    }

    @Test
    void rejectsInvalidBands() {
        assertThrows(IllegalArgumentException.class, () -> Butterworth.bandPass(5, 0.67, 260, 500));
        assertThrows(IllegalArgumentException.class, () -> Butterworth.bandPass(5, 40, 0.67, 500));
        assertThrows(IllegalArgumentException.class, () -> Butterworth.bandPass(0, 0.67, 40, 500));
    }

    static double magnitude(TransferFunction tf, double w) {
        double br = 0, bi = 0, ar = 0, ai = 0;
        double[] b = tf.b();
        double[] a = tf.a();
        for (int k = 0; k < b.length; k++) {
            br += b[k] * Math.cos(w * k);
            bi -= b[k] * Math.sin(w * k);
            ar += a[k] * Math.cos(w * k);
            ai -= a[k] * Math.sin(w * k);
        }
        return Math.hypot(br, bi) / Math.hypot(ar, ai);
    }

    private static double[] parse(String s) {
        String[] t = s.trim().split(" ");
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = Double.parseDouble(t[i]);
        }
        return out;
    }
}
