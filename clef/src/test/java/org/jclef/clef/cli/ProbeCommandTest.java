package org.jclef.clef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.model.Net1DConfig;
import org.jclef.clef.tasks.TestRecords;
import org.jclef.tensor.io.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jclef probe} on a folder of single-lead 300 Hz "wearable" WFDB records with a labels CSV. */
class ProbeCommandTest {
    private static final int RECORDS = 15;

    @TempDir
    Path dir;
    private Path data;
    private Path labels;

    @BeforeEach
    void wearableRecords() throws IOException {
        data = dir.resolve("wearable");
        StringBuilder csv = new StringBuilder("record,label\n");
        for (int i = 0; i < RECORDS; i++) {
            boolean fast = i % 3 == 0;
            // 9 s at 300 Hz: resampled to 500 Hz and zero-padded to the recipe's 10 s window
            TestRecords.write(data, String.format("w%02d", i), 300,
                    TestRecords.beats(300, 9, fast ? 130 : 55, 1.0 + 0.05 * i, 0.07 * i));
            csv.append(String.format("w%02d,%s%n", i, fast ? "tachy" : "normal"));
        }
        labels = dir.resolve("labels.csv");
        Files.writeString(labels, csv.toString());
    }

    @Test
    void jsonHasTheAurocAndEveryInterval() {
        CliRun run = CliRun.of("probe", "--model", "small", "--weights", "random", "--data", data.toString(),
                "--labels", labels.toString(), "--folds", "3", "--bootstrap", "100", "--json");
        assertEquals(0, run.exitCode(), run.err());
        Map<String, Object> json = Json.parseObject(run.out().strip(), "probe output");
        assertEquals("binary", json.get("type"));
        assertEquals(RECORDS, ((Number) json.get("records")).intValue());
        double auroc = ((Number) json.get("auroc")).doubleValue();
        assertTrue(auroc >= 0 && auroc <= 1, "auroc " + auroc);
        List<?> interval = (List<?>) ((Map<?, ?>) json.get("ci")).get("auroc");
        assertTrue(((Number) interval.get(0)).doubleValue() <= auroc && auroc <= ((Number) interval.get(1)).doubleValue());
        assertTrue(json.get("split").toString().contains("3-fold"), json.get("split").toString());
        assertTrue(run.err().contains("positive class: tachy"), run.err());
    }

    @Test
    void tableAndReportFilesWithACheckpoint() throws IOException {
        Path weights = dir.resolve("enc.safetensors");
        Net1D.create(Net1DConfig.SMALL, 5).save(weights);
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("probe", "--model", "small", "--weights", weights.toString(), "--data", data.toString(),
                "--labels", labels.toString(), "--folds", "3", "--bootstrap", "50", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("auroc") && run.out().contains("95% CI"), run.out());
        assertTrue(run.out().contains(weights.toString()), run.out());
        for (String file : List.of("result.json", "result.txt", "scores.csv", "roc.svg")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        List<String> scores = Files.readAllLines(out.resolve("scores.csv"));
        assertEquals("record,target:tachy,score:tachy", scores.get(0));
        assertEquals(RECORDS + 1, scores.size());
    }

    @Test
    void fineTuningRunsEndToEnd() {
        CliRun run = CliRun.of("probe", "--model", "small", "--weights", "random", "--data", data.toString(),
                "--labels", labels.toString(), "--folds", "3", "--protocol", "finetune", "--epochs", "1",
                "--batch", "8", "--bootstrap", "20", "--json");
        assertEquals(0, run.exitCode(), run.err());
        Map<String, Object> json = Json.parseObject(run.out().strip(), "probe output");
        assertEquals("finetune", json.get("protocol"));
        assertEquals(RECORDS, ((Number) json.get("records")).intValue());
    }

    @Test
    void helpListsTheBuiltInTasks() {
        CliRun help = CliRun.of("probe", "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().contains("ptbxl-superclass") && help.out().contains("ludb-af"), help.out());
        assertTrue(help.out().contains("95% confidence intervals"), help.out());
    }

    @Test
    void badCommandLinesSayWhatIsWrong() {
        CliRun both = CliRun.of("probe", "--model", "small", "--weights", "random", "--task", "ptbxl-sex", "--labels",
                labels.toString());
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("either --task NAME or --labels CSV"), both.err());
        CliRun weights = CliRun.of("probe", "--model", "small", "--weights", "nope.safetensors", "--task", "ptbxl-sex");
        assertEquals(2, weights.exitCode());
        assertTrue(weights.err().contains("--weights random"), weights.err());
        CliRun task = CliRun.of("probe", "--model", "small", "--weights", "random", "--task", "ptbxl-height");
        assertEquals(2, task.exitCode());
        assertTrue(task.err().contains("ptbxl-sex"), task.err());
        CliRun folds = CliRun.of("probe", "--model", "small", "--weights", "random", "--data", data.toString(),
                "--labels", labels.toString(), "--folds", "2");
        assertEquals(2, folds.exitCode());
        CliRun noData = CliRun.of("probe", "--model", "small", "--weights", "random", "--labels", labels.toString());
        assertEquals(2, noData.exitCode());
        assertTrue(noData.err().contains("--data"), noData.err());
        CliRun wrongData = CliRun.of("probe", "--model", "small", "--weights", "random", "--task", "ptbxl-age",
                "--data", data.toString());
        assertEquals(1, wrongData.exitCode());
        assertTrue(wrongData.err().contains("PTB-XL"), wrongData.err());
    }
}
