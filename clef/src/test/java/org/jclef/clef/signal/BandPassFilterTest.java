package org.jclef.clef.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** T5 (spec §11) and the band-pass against SciPy on a real record. */
class BandPassFilterTest {

    /** x[t] = δ[t − 2500] + sin(2π·t/500), t = 0 … 4999. */
    static double[] t5Input() {
        double[] x = new double[5000];
        for (int t = 0; t < x.length; t++) {
            x[t] = Math.sin((2 * Math.PI * t) / 500);
        }
        x[2500] += 1;
        return x;
    }

    private static double sum(double[] y) {
        double s = 0;
        for (double v : y) {
            s += v;
        }
        return s;
    }

    @Test
    void t5WithParityStateIsExact() {
        double[] y = BandPassFilter.clef(500).apply(t5Input());
        assertEquals(-0.09241388193677788, y[0], 0.0);
        assertEquals(-0.08105777141448114, y[1], 0.0);
        assertEquals(0.15888150258743602, y[2500], 0.0);
        assertEquals(0.176937405019038, y[4999], 0.0);
        assertEquals(48.85773605941034, sum(y), 1e-12 * 48.9);
    }

    @Test
    void t5WithExactSteadyStateIsExact() {
        BandPassFilter f = BandPassFilter.of(BandPassFilter.Config.clef(500)
                .withInitialState(BandPassFilter.InitialState.STEADY_STATE));
        double[] y = f.apply(t5Input());
        assertEquals(-0.09162075325293825, y[0], 0.0);
        assertEquals(-0.08026936405769883, y[1], 0.0);
        assertEquals(0.15997019490523434, y[2500], 0.0);
        assertEquals(0.17695731317255417, y[4999], 0.0);
        assertEquals(49.574024894526005, sum(y), 1e-12 * 49.6);
    }

    @Test
    void secondOrderSectionsStayWithinTheConditioningNoiseOfT5() {
        double[] x = t5Input();
        double[] reference = BandPassFilter.clef(500).apply(x);
        double[] sos = BandPassFilter.of(BandPassFilter.Config.clef(500)
                .withForm(BandPassFilter.Form.SECOND_ORDER_SECTIONS)).apply(x);
        double max = maxAbsDifference(reference, sos);
        System.out.printf("band-pass SOS vs reference (T5 input): max |diff| = %.3e%n", max);
        assertTrue(max < 1.2e-2, "SOS differs from the reference by " + max);
        assertTrue(max > 1e-6, "the TF realisation's conditioning noise should be visible, got " + max);
    }

    @Test
    void otherRatesUseTheDesignAndTheExactSteadyState() {
        BandPassFilter f = BandPassFilter.clef(360);
        assertEquals(BandPassFilter.InitialState.STEADY_STATE, f.initialStateUsed());
        assertArrayEquals(SteadyState.of(f.transferFunction()), f.initialState(), 0.0);
        assertEquals(BandPassFilter.InitialState.REFERENCE, BandPassFilter.clef(250).initialStateUsed());
        // A 5 Hz tone passes, a 120 Hz tone is removed; the stable SOS form agrees with the 10th-order form.
        double[] x = new double[3600];
        for (int t = 0; t < x.length; t++) {
            x[t] = Math.sin(2 * Math.PI * 5 * t / 360.0) + Math.sin(2 * Math.PI * 120 * t / 360.0);
        }
        double[] y = f.apply(x);
        double[] sos = BandPassFilter.of(BandPassFilter.Config.clef(360)
                .withForm(BandPassFilter.Form.SECOND_ORDER_SECTIONS)).apply(x);
        assertTrue(maxAbsDifference(y, sos) < 1e-3, "TF vs SOS at 360 Hz: " + maxAbsDifference(y, sos));
        double err = 0;
        for (int t = 720; t < 2880; t++) {
            err = Math.max(err, Math.abs(sos[t] - Math.sin(2 * Math.PI * 5 * t / 360.0)));
        }
        assertTrue(err < 0.02, "pass-band tone not preserved, max error " + err);
    }

    @Test
    void tooShortSignalsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BandPassFilter.clef(500).apply(new double[33]));
        assertTrue(e.getMessage().contains("33"), e.getMessage());
        BandPassFilter.clef(500).apply(new double[34]);
    }

    @Test
    void matchesScipyOnARealRecord() throws IOException {
        Fixture fx = Fixture.load();
        double[] x = new double[fx.digital.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = fx.digital[i] / 1000.0;
        }
        double[] parity = BandPassFilter.clef(500).apply(x);
        double[] sos = BandPassFilter.of(BandPassFilter.Config.clef(500)
                .withForm(BandPassFilter.Form.SECOND_ORDER_SECTIONS)).apply(x);
        System.out.printf("band-pass SOS vs reference (PTB-XL 00001_hr II): max |diff| = %.3e mV%n",
                maxAbsDifference(parity, sos));
        double maxParity = 0;
        double maxDefault = 0;
        double maxSos = 0;
        for (int k = 0; k < fx.index.size(); k++) {
            int i = fx.index.get(k);
            maxParity = Math.max(maxParity, Math.abs(parity[i] - fx.parity.get(k)));
            maxDefault = Math.max(maxDefault, Math.abs(parity[i] - fx.scipyDefault.get(k)));
            maxSos = Math.max(maxSos, Math.abs(sos[i] - fx.scipySos.get(k)));
        }
        System.out.printf("band-pass vs SciPy on PTB-XL 00001_hr II: parity zi %.3e, SciPy's own lfilter_zi %.3e, "
                + "SOS vs sosfiltfilt %.3e%n", maxParity, maxDefault, maxSos);
        assertEquals(0.0, maxParity, "parity realisation must match SciPy lfilter with the parity zi exactly");
        assertTrue(maxDefault < 5e-3, "vs scipy.signal.filtfilt (this SciPy's zi): " + maxDefault);
        assertTrue(maxSos < 1e-9, "SOS vs scipy.signal.sosfiltfilt: " + maxSos);
        assertEquals(fx.sums[0], sum(parity), 1e-9);
    }

    private static double maxAbsDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** tools/gen_filtfilt_fixture.py's output. */
    private record Fixture(int[] digital, List<Integer> index, List<Double> parity, List<Double> scipyDefault,
                           List<Double> scipySos, double[] sums) {
        static Fixture load() throws IOException {
            String text;
            try (InputStream in = BandPassFilterTest.class.getResourceAsStream("filtfilt_00001_hr_II.txt")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int[] digital = null;
            List<Integer> index = new ArrayList<>();
            List<Double> parity = new ArrayList<>();
            List<Double> def = new ArrayList<>();
            List<Double> sos = new ArrayList<>();
            double[] sums = new double[3];
            for (String line : text.split("\n")) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] t = line.trim().split(" ");
                if (t[0].equals("digital")) {
                    digital = new int[t.length - 1];
                    for (int i = 1; i < t.length; i++) {
                        digital[i - 1] = Integer.parseInt(t[i]);
                    }
                } else if (t[0].equals("sum")) {
                    for (int i = 0; i < 3; i++) {
                        sums[i] = Double.parseDouble(t[i + 1]);
                    }
                } else {
                    index.add(Integer.parseInt(t[0]));
                    parity.add(Double.parseDouble(t[1]));
                    def.add(Double.parseDouble(t[2]));
                    sos.add(Double.parseDouble(t[3]));
                }
            }
            return new Fixture(digital, index, parity, def, sos, sums);
        }
    }
}
