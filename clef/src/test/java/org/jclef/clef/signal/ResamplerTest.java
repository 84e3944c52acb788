package org.jclef.clef.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    @Test
    void matchesScipyResamplePoly() throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("resample_poly.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String[] lines = text.split("\n");
        int blocks = 0;
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith("rate ")) {
                continue;
            }
            String[] r = lines[i].split(" ");
            double from = Double.parseDouble(r[1]);
            double to = Double.parseDouble(r[2]);
            double[] x = parse(lines[i + 1], "input");
            double[] expected = parse(lines[i + 2], "output");
            double[] y = Resampler.resample(x, from, to);
            assertEquals(expected.length, y.length, "length for " + from + " -> " + to);
            for (int k = 0; k < y.length; k++) {
                assertEquals(expected[k], y[k], 1e-12, "sample " + k + " for " + from + " -> " + to);
            }
            blocks++;
        }
        assertEquals(7, blocks);
    }

    @Test
    void keepsALowFrequencyToneAwayFromTheEdges() {
        double[] x = new double[3600];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(2 * Math.PI * 3 * i / 360.0);
        }
        double[] y = Resampler.resample(x, 360, 500);
        assertEquals(5000, y.length);
        for (int i = 100; i < 4900; i++) {
            assertEquals(Math.sin(2 * Math.PI * 3 * i / 500.0), y[i], 1e-3);
        }
    }

    @Test
    void removesContentAboveTheNewNyquistRate() {
        double[] x = new double[5000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(2 * Math.PI * 150 * i / 500.0); // above 100 Hz, the Nyquist rate of 200 Hz
        }
        double[] y = Resampler.resample(x, 500, 200);
        double max = 0;
        for (int i = 50; i < y.length - 50; i++) {
            max = Math.max(max, Math.abs(y[i]));
        }
        assertTrue(max < 0.01, "aliased energy " + max);
    }

    @Test
    void equalRatesCopyAndAbsurdRatiosAreRejected() {
        double[] x = {1, 2, 3};
        assertArrayEquals(x, Resampler.resample(x, 500, 500));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(x, 499.999, 500));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(x, 0, 500));
    }

    private static double[] parse(String line, String tag) {
        String[] t = line.trim().split(" ");
        assertEquals(tag, t[0]);
        double[] out = new double[t.length - 1];
        for (int i = 1; i < t.length; i++) {
            out[i - 1] = Double.parseDouble(t[i]);
        }
        return out;
    }
}
