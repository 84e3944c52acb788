package org.jclef.clef.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jclef.tensor.io.Json;
import org.junit.jupiter.api.Test;

class LinearProbeTest {
    private static final ProbeConfig FAST = ProbeConfig.DEFAULT.withBootstrap(new BootstrapConfig(200, 42, 0.95));

    /** Embeddings whose first features carry the outputs' signal, with offsets and scales to standardise away. */
    private static float[][] embeddings(double[][] signal, int d, SplittableRandom r) {
        float[][] x = new float[signal.length][d];
        for (int i = 0; i < signal.length; i++) {
            for (int j = 0; j < d; j++) {
                double s = j < signal[i].length ? signal[i][j] : 0;
                x[i][j] = (float) ((r.nextGaussian() + 1.5 * s) * (1 + j % 3) + 10 * (j % 5));
            }
        }
        return x;
    }

    private record Data(float[][] x, int[][] labels) {
    }

    /** Multilabel data: label l is on with its prevalence; feature l is shifted when it is on. */
    private static Data multilabel(int n, int d, double[] prevalence, SplittableRandom r) {
        int[][] y = new int[n][prevalence.length];
        double[][] signal = new double[n][prevalence.length];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < prevalence.length; l++) {
                y[i][l] = r.nextDouble() < prevalence[l] ? 1 : 0;
                signal[i][l] = y[i][l];
            }
        }
        return new Data(embeddings(signal, d, r), y);
    }

    private static int[] column(int[][] y, int l) {
        return Arrays.stream(y).mapToInt(row -> row[l]).toArray();
    }

    private static ProbeData binary(Data data) {
        return new ProbeData(data.x(), new Targets.Binary(column(data.labels(), 0)));
    }

    @Test
    void binaryProbeReportsConsistentNumbers() {
        SplittableRandom r = new SplittableRandom(1);
        double[] prevalence = {0.3};
        Data train = multilabel(300, 20, prevalence, r);
        Data val = multilabel(120, 20, prevalence, r);
        Data test = multilabel(200, 20, prevalence, r);
        List<String> warnings = new ArrayList<>();
        ProbeResult result = LinearProbe.run(binary(train), binary(val), binary(test), FAST,
                WarningSink.collecting(warnings));
        assertEquals(List.of(), result.warnings());
        assertEquals(List.of(), warnings);
        assertEquals("binary", result.task());
        assertEquals(9, result.grid().length);
        assertEquals(1, result.selected().length);
        int best = 0;
        for (int g = 1; g < result.grid().length; g++) {
            if (result.validation()[g][0] < result.validation()[best][0]) {
                best = g;
            }
        }
        assertEquals(result.grid()[best], result.selected()[0], "C minimises the validation log loss");

        int[] testY = column(test.labels(), 0);
        double[] p = Arrays.stream(result.testScores()).mapToDouble(row -> row[0]).toArray();
        MetricValue auroc = result.metric("auroc");
        assertEquals(Metrics.auroc(testY, p).value(), auroc.value(), 0);
        assertTrue(auroc.value() > 0.75, "the signal is learnable: " + auroc);
        assertTrue(auroc.lo() < auroc.value() && auroc.value() < auroc.hi());
        assertEquals(Metrics.averagePrecision(testY, p).value(), result.metric("auprc").value(), 0);

        ProbeResult again = LinearProbe.run(binary(train), binary(val), binary(test), FAST, WarningSink.ignoring());
        assertEquals(result.toJson(), again.toJson(), "deterministic");
    }

    @Test
    void probeEqualsTheManualPipeline() {
        SplittableRandom r = new SplittableRandom(2);
        double[] prevalence = {0.4};
        Data train = multilabel(200, 12, prevalence, r);
        Data test = multilabel(80, 12, prevalence, r);
        ProbeResult result = LinearProbe.run(binary(train), binary(train), binary(test),
                FAST.withCGrid(0.3).withBootstrap(BootstrapConfig.NONE), WarningSink.ignoring());
        Standardizer s = Standardizer.fit(train.x());
        LogisticModel m = LogisticRegression.fitBinary(s.transform(train.x()), column(train.labels(), 0), 0.3,
                Lbfgs.Settings.DEFAULT);
        double[][] p = m.probabilities(s.transform(test.x()));
        for (int i = 0; i < p.length; i++) {
            assertEquals(p[i][0], result.testScores()[i][0], 0);
        }
        assertTrue(Double.isNaN(result.metric("auroc").lo()), "no bootstrap: no interval");
    }

    @Test
    void multilabelChoosesCPerLabelAndHandlesConstantColumns() {
        SplittableRandom r = new SplittableRandom(3);
        double[] prevalence = {0.3, 0.15, 0.5, 0.25};
        Data train = multilabel(400, 16, prevalence, r);
        Data val = multilabel(150, 16, prevalence, r);
        Data test = multilabel(200, 16, prevalence, r);
        for (int[] row : train.labels()) {
            row[3] = 0;
        }
        for (int[] row : test.labels()) {
            row[1] = 0;
        }
        ProbeConfig config = FAST.withCGrid(0.001, 0.01, 0.1, 1, 10);
        ProbeResult result = LinearProbe.run(new ProbeData(train.x(), new Targets.Multilabel(train.labels())),
                new ProbeData(val.x(), new Targets.Multilabel(val.labels())),
                new ProbeData(test.x(), new Targets.Multilabel(test.labels())), config, WarningSink.ignoring());
        assertEquals(List.of("label 0", "label 1", "label 2", "label 3"), result.units());
        assertTrue(Double.isNaN(result.selected()[3]), "label 3 is constant in training: not fitted");
        assertTrue(result.warnings().get(0).startsWith("label 3: all 400 training samples are negative"),
                result.warnings().toString());
        for (double[] row : result.testScores()) {
            assertEquals(0, row[3], 0);
        }
        assertTrue(Double.isNaN(result.metric("auroc_macro").value()), "STRICT: label 1 is constant in the test set");
        assertTrue(Double.isNaN(result.metric("auroc[1]").value()));
        assertEquals(0.5, result.metric("auroc[3]").value(), 0, "a constant score ranks everything tied");

        for (int l : new int[] {0, 2}) {
            Data trainL = new Data(train.x(), columnAsMatrix(train.labels(), l));
            Data valL = new Data(val.x(), columnAsMatrix(val.labels(), l));
            Data testL = new Data(test.x(), columnAsMatrix(test.labels(), l));
            ProbeResult alone = LinearProbe.run(binary(trainL), binary(valL), binary(testL),
                    config.withBootstrap(BootstrapConfig.NONE), WarningSink.ignoring());
            assertEquals(alone.selected()[0], result.selected()[l], "label " + l + " chooses its C as a binary probe");
            for (int i = 0; i < test.x().length; i++) {
                assertEquals(alone.testScores()[i][0], result.testScores()[i][l], 1e-5, "label " + l + " sample " + i);
            }
        }

        ProbeResult skipping = LinearProbe.run(new ProbeData(train.x(), new Targets.Multilabel(train.labels())),
                new ProbeData(val.x(), new Targets.Multilabel(val.labels())),
                new ProbeData(test.x(), new Targets.Multilabel(test.labels())),
                config.withMacroRule(MacroRule.SKIP_UNDEFINED), WarningSink.ignoring());
        double mean = (skipping.metric("auroc[0]").value() + skipping.metric("auroc[2]").value()
                + skipping.metric("auroc[3]").value()) / 3;
        assertEquals(mean, skipping.metric("auroc_macro").value(), 1e-15);
        assertTrue(skipping.metric("auroc_macro").hasInterval());
    }

    private static int[][] columnAsMatrix(int[][] y, int l) {
        return Arrays.stream(y).map(row -> new int[] {row[l]}).toArray(int[][]::new);
    }

    @Test
    void multiclassWithAClassAbsentEverywhere() {
        SplittableRandom r = new SplittableRandom(4);
        int classes = 4;
        ProbeData[] splits = new ProbeData[3];
        int[] sizes = {300, 100, 150};
        for (int s = 0; s < 3; s++) {
            int[] y = new int[sizes[s]];
            double[][] signal = new double[sizes[s]][classes];
            for (int i = 0; i < y.length; i++) {
                y[i] = new int[] {0, 1, 2}[r.nextInt(3)];
                signal[i][y[i]] = 1.5;
            }
            splits[s] = new ProbeData(embeddings(signal, 10, r), new Targets.Multiclass(y, classes));
        }
        ProbeResult strict = LinearProbe.run(splits[0], splits[1], splits[2], FAST, WarningSink.ignoring());
        assertTrue(strict.warnings().get(0).startsWith("class 3 has no training sample"), strict.warnings().toString());
        for (double[] row : strict.testScores()) {
            assertEquals(0, row[3], 0);
            assertEquals(1, row[0] + row[1] + row[2], 1e-12);
        }
        assertTrue(Double.isNaN(strict.metric("auroc_macro").value()), "spec §7.4: absent class gives NaN");
        assertTrue(strict.metric("accuracy").value() > 0.5);

        ProbeResult skipping = LinearProbe.run(splits[0], splits[1], splits[2],
                FAST.withMacroRule(MacroRule.SKIP_UNDEFINED).withCriterion(SelectionCriterion.AUROC),
                WarningSink.ignoring());
        double mean = (skipping.metric("auroc[0]").value() + skipping.metric("auroc[1]").value()
                + skipping.metric("auroc[2]").value()) / 3;
        assertEquals(mean, skipping.metric("auroc_macro").value(), 1e-15);
        int best = 0;
        for (int g = 1; g < skipping.grid().length; g++) {
            if (skipping.validation()[g][0] > skipping.validation()[best][0]) {
                best = g;
            }
        }
        assertEquals(skipping.grid()[best], skipping.selected()[0], "C maximises the validation AUROC");
    }

    @Test
    void regressionProbe() {
        SplittableRandom r = new SplittableRandom(5);
        ProbeData[] splits = new ProbeData[3];
        for (int s = 0; s < 3; s++) {
            int n = s == 0 ? 300 : 100;
            double[] y = new double[n];
            double[][] signal = new double[n][2];
            for (int i = 0; i < n; i++) {
                signal[i][0] = r.nextGaussian();
                signal[i][1] = r.nextGaussian();
                y[i] = 120 + 15 * signal[i][0] - 5 * signal[i][1] + 4 * r.nextGaussian();
            }
            splits[s] = new ProbeData(embeddings(signal, 30, r), new Targets.Continuous(y));
        }
        ProbeResult result = LinearProbe.run(splits[0], splits[1], splits[2], FAST, WarningSink.ignoring());
        assertEquals("alpha", result.regularization());
        double[] y = ((Targets.Continuous) splits[2].targets()).values();
        double[] predicted = Arrays.stream(result.testScores()).mapToDouble(row -> row[0]).toArray();
        assertEquals(Metrics.mae(y, predicted).value(), result.metric("mae").value(), 0);
        assertTrue(result.metric("r2").value() > 0.6, result.metric("r2").toString());
        int best = result.grid().length - 1;
        for (int g = result.grid().length - 2; g >= 0; g--) {
            if (result.validation()[g][0] < result.validation()[best][0]) {
                best = g;
            }
        }
        assertEquals(result.grid()[best], result.selected()[0]);
        assertThrows(IllegalArgumentException.class, () -> LinearProbe.run(splits[0], splits[1], splits[2],
                FAST.withCriterion(SelectionCriterion.AUROC), WarningSink.ignoring()));
    }

    @Test
    void tableAndJsonAreWellFormed() {
        SplittableRandom r = new SplittableRandom(6);
        double[] prevalence = {0.3, 0.4};
        Data train = multilabel(200, 8, prevalence, r);
        Data val = multilabel(80, 8, prevalence, r);
        Data test = multilabel(100, 8, prevalence, r);
        ProbeResult result = LinearProbe.run(new ProbeData(train.x(), new Targets.Multilabel(train.labels())),
                new ProbeData(val.x(), new Targets.Multilabel(val.labels())),
                new ProbeData(test.x(), new Targets.Multilabel(test.labels())), FAST.withCGrid(0.01, 1),
                WarningSink.ignoring());
        Map<String, Object> json = Json.parseObject(result.toJson(), "probe result");
        assertEquals("multilabel", json.get("task"));
        assertEquals(200L, json.get("train_size"));
        assertEquals(List.of(0.01, 1.0), json.get("grid"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> metrics = (List<Map<String, Object>>) json.get("metrics");
        assertEquals("auroc_macro", metrics.get(0).get("name"));
        assertEquals(result.metric("auroc_macro").value(), (double) metrics.get(0).get("value"), 0);
        assertEquals(200L, metrics.get(0).get("resamples"));

        String table = result.toTable();
        String[] lines = table.split("\\R");
        int header = 0;
        while (!lines[header].startsWith("metric")) {
            header++;
        }
        int valueColumn = lines[header].indexOf("value");
        int ciColumn = lines[header].indexOf("95% CI");
        for (int i = header + 1; i < header + 1 + result.metrics().size(); i++) {
            assertTrue(Character.isDigit(lines[i].charAt(valueColumn)), "aligned value: " + lines[i]);
            assertEquals('[', lines[i].charAt(ciColumn), "aligned interval: " + lines[i]);
        }
        assertTrue(table.contains("label 0: C = "), table);
    }

    @Test
    void nanIsWrittenAsNullInJson() {
        String json = Reports.json(List.of(MetricValue.point("auroc", Double.NaN)));
        assertEquals("[{\"name\":\"auroc\",\"value\":null,\"lo\":null,\"hi\":null,\"resamples\":0,\"skipped\":0}]", json);
        assertEquals("10000", Reports.number(1e4));
        assertEquals("1000", Reports.number(1000));
        assertEquals("0.01", Reports.number(0.01));
        assertEquals("0.0001", Reports.number(1e-4));
        assertEquals("1e+06", Reports.number(1e6));
        assertEquals("1.5e-05", Reports.number(1.5e-5));
        assertEquals("95", Reports.number(100 * 0.95));
        Map<String, Object> roc = Reports.json(Metrics.rocCurve(new int[] {0, 1}, new double[] {0.2, 0.7}));
        assertEquals("{\"fpr\":[0.0,0.0,1.0],\"tpr\":[0.0,1.0,1.0],\"thresholds\":[null,0.7,0.2]}", Json.write(roc));
    }

    @Test
    void inconsistentSplitsAreRejected() {
        SplittableRandom r = new SplittableRandom(7);
        Data a = multilabel(50, 6, new double[] {0.5}, r);
        Data b = multilabel(50, 5, new double[] {0.5}, r);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearProbe.run(binary(a), binary(b), binary(a), FAST, WarningSink.ignoring()));
        assertTrue(e.getMessage().contains("validation embeddings have 5 features, training embeddings 6"),
                e.getMessage());
        ProbeData regression = new ProbeData(a.x(), new Targets.Continuous(new double[50]));
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearProbe.run(binary(a), regression, binary(a), FAST, WarningSink.ignoring()));
        assertTrue(e.getMessage().contains("training targets are binary but validation targets are regression"),
                e.getMessage());
        ProbeData oneClass = new ProbeData(a.x(), new Targets.Binary(new int[50]));
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearProbe.run(oneClass, binary(a), binary(a), FAST, WarningSink.ignoring()));
        assertTrue(e.getMessage().contains("all 50 training samples are negative"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ProbeData(a.x(), new Targets.Binary(new int[49])));
        assertArrayEquals(new double[] {1e-4, 1e-3, 1e-2, 0.1, 1, 10, 100, 1e3, 1e4}, ProbeConfig.DEFAULT.cGrid(), 0);
    }
}
