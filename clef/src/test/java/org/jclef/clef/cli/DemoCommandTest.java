package org.jclef.clef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jclef.clef.api.ClefEncoder;
import org.jclef.clef.train.ItemSeeds;
import org.jclef.tensor.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jclef demo --quick}: the whole pipeline end to end on the committed data (about 20 s). */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void quickDemoPrintsTheTableAndWritesTheReport() throws IOException {
        Path out = dir.resolve("report");
        CliRun run = CliRun.of("demo", "--quick", "--out", out.toString(), "--bootstrap", "50");
        assertEquals(0, run.exitCode(), run.err());

        assertTrue(run.out().contains("task              metric       CLEF"), run.out());
        for (String task : List.of("ptbxl-norm", "ptbxl-superclass", "ptbxl-sex", "ptbxl-age")) {
            assertTrue(run.out().contains(task), task);
        }
        assertTrue(run.out().contains("bottom line: "), run.out());
        assertTrue(run.out().contains("CLEF beats") || run.out().contains("CLEF does not beat")
                || run.out().contains("mixed"), run.out());
        assertTrue(run.out().contains("run time"), run.out());
        assertTrue(run.err().contains("epoch 1/1") && run.err().contains("probe ["), "progress bars: " + run.err());

        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("## Results") && report.contains("| ptbxl-age | mae |"), report);
        assertTrue(report.contains("**Run time "), report);
        assertTrue(report.contains("./jclef demo --quick --out " + out + " --seed 42"), report);
        assertTrue(report.contains("age-and-sex proxy"), report);
        for (String figure : List.of("loss-clef.svg", "loss-ntxent.svg", "roc-ptbxl-norm.svg", "roc-ptbxl-sex.svg",
                "pca-clef.svg", "pca-nt-xent.svg", "pca-random-init.svg")) {
            assertTrue(Files.isRegularFile(out.resolve(figure)), figure);
            assertTrue(report.contains("](" + figure + ")"), "report shows " + figure);
        }
        for (String file : List.of("results.json", "results.txt", "run.json", "pretrain/metadata.csv",
                "pretrain/clef/encoder.safetensors", "pretrain/clef/checkpoint.safetensors",
                "pretrain/ntxent/encoder.safetensors", "pretrain/ntxent/metrics.csv")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
            assertTrue(report.contains(file), "report names " + file);
        }

        Map<String, Object> runJson = Json.parseObject(Files.readString(out.resolve("run.json")), "run.json");
        assertEquals(42L, ((Map<?, ?>) runJson.get("settings")).get("seed"));
        assertTrue(((Map<?, ?>) runJson.get("seconds")).containsKey("total"));
        assertTrue(((Map<?, ?>) runJson.get("versions")).containsKey("java"));

        // the checkpoints are real: the pretrained encoder loads and differs from the common initialisation
        ClefEncoder trained = ClefEncoder.load("small", out.resolve("pretrain/clef/encoder.safetensors"));
        ClefEncoder initial = ClefEncoder.random("small", ItemSeeds.init(42, 0));
        float[] signal = new float[5000];
        for (int t = 0; t < signal.length; t++) {
            signal[t] = (float) Math.sin(2 * Math.PI * 1.3 * t / 500.0);
        }
        assertFalse(Arrays.equals(trained.embed(signal, 500).vector(), initial.embed(signal, 500).vector()));
    }

    @Test
    void refusesToOverwriteAFolderThatIsNotADemoReport() throws IOException {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(out.resolve("notes.txt"), "keep me");
        CliRun run = CliRun.of("demo", "--quick", "--out", out.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("not a jclef demo report"), run.err());
        assertTrue(Files.isRegularFile(out.resolve("notes.txt")));
        CliRun help = CliRun.of("demo", "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().contains("--quick") && help.out().contains("95% bootstrap CIs"), help.out());
        CliRun risk = CliRun.of("demo", "--quick", "--risk", "cholesterol");
        assertEquals(2, risk.exitCode());
        assertTrue(risk.err().contains("age-sex or none"), risk.err());
    }
}
