package org.jclef.clef.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jclef.clef.augment.SyntheticNoise;
import org.jclef.clef.augment.ViewSampler;
import org.jclef.clef.loss.LossKind;
import org.jclef.clef.loss.MetadataMode;
import org.jclef.clef.model.Net1D;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PretrainerTest {
    private static final int WINDOW = 256;
    private static final ViewSampler SAMPLER = ViewSampler.clef(new SyntheticNoise());

    @TempDir
    Path dir;
    private TrainingSet data;
    private ClinicalMetadata metadata;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void sevenPatients() throws IOException {
        TestRecords.writeFolder(dir.resolve("data"), 7, 300);
        data = TrainingData.open(dir.resolve("data"), new TrainingData.Options(WINDOW, ShortRecords.SKIP, List.of()));
        metadata = ClinicalMetadata.resolve(data, null, null);
    }

    /** 7 patients in batches of 3: 2 batches per epoch; the schedule restarts after epochs 2 and 6. */
    private static TrainConfig config(LossKind loss, long steps, int checkpointEvery) {
        TrainConfig c = TrainConfig.defaults(TestRecords.TINY).withLoss(loss).withBatch(3, WINDOW)
                .withLength(100, steps).withSchedule(2, 2, 1e-6).withOptimizer(1e-3, 5e-4, 0)
                .withRun(7, checkpointEvery, 2);
        return loss == LossKind.MOCO ? c.withMoco(c.moco().withQueueSize(16)) : c;
    }

    private Pretrainer trainer(TrainConfig config, Path out) {
        return new Pretrainer(config, data, metadata, SAMPLER, out,
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    private static void assertSameTensors(Map<String, Tensor> expected, Map<String, Tensor> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        expected.forEach((k, t) -> assertArrayEquals(t.to(DType.F64).toDoubleArray(),
                actual.get(k).to(DType.F64).toDoubleArray(), what + " " + k));
    }

    /** The metrics file's rows without the timing columns. */
    private static List<String> metricsWithoutTimes(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> {
            String[] c = l.split(",");
            return String.join(",", Arrays.copyOf(c, c.length - 3));
        }).toList();
    }

    @ParameterizedTest
    @EnumSource(LossKind.class)
    void aKilledAndResumedRunEndsBitForBitWhereAnUninterruptedOneDoes(LossKind loss) throws IOException {
        Path straight = dir.resolve("straight");
        Pretrainer a = trainer(config(loss, 7, 100), straight);
        Pretrainer.Result ra = a.run(false);
        assertEquals(7, ra.steps());
        assertEquals(3, ra.epochs());

        Path killed = dir.resolve("killed");
        Pretrainer b = trainer(config(loss, 7, 3), killed);
        b.onStep(r -> {
            if (r.step() == 5) {
                throw new IllegalStateException("simulated kill");
            }
        });
        assertThrows(IllegalStateException.class, () -> b.run(false));
        assertTrue(Files.readString(killed.resolve(RunLog.FILE)).contains("stopped: simulated kill (the last checkpoint is at step 3)"));
        TrainingCheckpoint.Saved atKill = TrainingCheckpoint.read(killed.resolve(Pretrainer.CHECKPOINT));
        assertEquals(new TrainingCheckpoint.Position(3, 1, 1), atKill.position());

        Pretrainer c = trainer(config(loss, 7, 3), killed);
        Pretrainer.Result rc = c.run(true);
        assertEquals(4, rc.stepsThisRun());
        assertEquals(ra.lastLoss(), rc.lastLoss());
        TrainingCheckpoint.Saved expected = TrainingCheckpoint.read(straight.resolve(Pretrainer.CHECKPOINT));
        TrainingCheckpoint.Saved actual = TrainingCheckpoint.read(killed.resolve(Pretrainer.CHECKPOINT));
        assertEquals(expected.position(), actual.position());
        assertEquals(expected.schedulerSteps(), actual.schedulerSteps());
        assertSameTensors(expected.model(), actual.model(), "weights");
        assertSameTensors(expected.optimizer(), actual.optimizer(), "optimiser");
        assertSameTensors(expected.objective(), actual.objective(), "objective");
        assertSameTensors(a.encoder().stateDict(), c.encoder().stateDict(), "live weights");
        assertEquals(metricsWithoutTimes(straight.resolve(MetricsLog.FILE)), metricsWithoutTimes(killed.resolve(MetricsLog.FILE)));
        Net1D exported = Net1D.load(killed.resolve(Pretrainer.ENCODER));
        assertSameTensors(c.encoder().stateDict(), exported.stateDict(), "encoder.safetensors");
    }

    @Test
    void theLossFallsAndEverythingIsWritten() throws IOException {
        Path out = dir.resolve("run");
        Pretrainer trainer = trainer(config(LossKind.CLEF, 40, 100).withOptimizer(3e-3, 5e-4, 1.0), out);
        List<Double> losses = new ArrayList<>();
        trainer.onStep(r -> losses.add(r.loss()));
        Pretrainer.Result r = trainer.run(false);
        double first = losses.subList(0, 8).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = losses.subList(32, 40).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(last < first, "mean loss of the first 8 steps " + first + ", of the last 8 " + last);
        for (String key : trainer.optimizerState().keySet()) {
            assertTrue(!key.contains("bn"), "AdamW keeps no state for unused BatchNorm parameters: " + key);
        }
        assertTrue(trainer.optimizerState().containsKey("state/first_conv.conv.weight/exp_avg"));
        for (float w : trainer.encoder().stateDict().get("stage_list.0.block_list.0.bn2.weight").toFloatArray()) {
            assertEquals(1f, w, "unused BatchNorm weights keep their initial value");
        }
        List<String> metrics = Files.readAllLines(r.metrics());
        assertEquals("step,epoch,batch,patients,lr,loss,nce,align,grad_norm,step_s,data_wait_s,elapsed_s", metrics.get(0));
        assertEquals(41, metrics.size());
        assertTrue(Files.readString(out.resolve(Pretrainer.PLOT)).contains("<svg"));
        String log = Files.readString(out.resolve(RunLog.FILE));
        assertTrue(log.contains("CLEF loss: τ = 0.07") && log.contains("SCORE2 risk known for 0 of 7")
                && log.contains("gradient norm clipped to 1.0"), log);
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("epoch 1/100 ["), "progress bar");
    }

    @Test
    void aFolderWithARunIsNotOverwrittenWithoutResume() throws IOException {
        Path out = dir.resolve("run");
        trainer(config(LossKind.CLEF, 2, 100), out).run(false);
        byte[] before = Files.readAllBytes(out.resolve(Pretrainer.CHECKPOINT));
        IOException e = assertThrows(IOException.class, () -> trainer(config(LossKind.CLEF, 2, 100), out).run(false));
        assertTrue(e.getMessage().contains("already holds a run") && e.getMessage().contains("--resume"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(out.resolve(Pretrainer.CHECKPOINT)));
        IOException none = assertThrows(IOException.class,
                () -> trainer(config(LossKind.CLEF, 2, 100), dir.resolve("empty")).run(true));
        assertTrue(none.getMessage().contains("holds no checkpoint.safetensors"), none.getMessage());
    }

    @Test
    void aDamagedCheckpointIsReportedAndLeftAsItIs() throws IOException {
        Path out = dir.resolve("run");
        trainer(config(LossKind.CLEF, 2, 100), out).run(false);
        Path file = out.resolve(Pretrainer.CHECKPOINT);
        byte[] good = Files.readAllBytes(file);
        byte[] damaged = Arrays.copyOf(good, good.length - 100);
        Files.write(file, damaged);
        IOException e = assertThrows(IOException.class, () -> trainer(config(LossKind.CLEF, 4, 100), out).run(true));
        assertTrue(e.getMessage().contains(file + " is damaged"), e.getMessage());
        assertArrayEquals(damaged, Files.readAllBytes(file));

        Files.writeString(file, "not a checkpoint at all");
        assertThrows(IOException.class, () -> trainer(config(LossKind.CLEF, 4, 100), out).run(true));
    }

    @Test
    void resumingWithOtherSettingsOrDataIsRefused() throws IOException {
        Path out = dir.resolve("run");
        trainer(config(LossKind.CLEF, 2, 100), out).run(false);
        IOException e = assertThrows(IOException.class,
                () -> trainer(config(LossKind.CLEF, 4, 100).withOptimizer(2e-3, 5e-4, 0), out).run(true));
        assertTrue(e.getMessage().contains("lr was 0.001, now 0.002"), e.getMessage());
        TrainConfig mask = config(LossKind.CLEF, 4, 100);
        IOException m = assertThrows(IOException.class, () -> trainer(mask.withClefLoss(mask.clefLoss()
                .withMetadata(MetadataMode.MISSING_MASK)), out).run(true));
        assertTrue(m.getMessage().contains("metadata_mode"), m.getMessage());
    }

    @Test
    void aFailedCheckpointWriteKeepsThePreviousCheckpoint() throws IOException {
        Path out = dir.resolve("run");
        trainer(config(LossKind.CLEF, 2, 100), out).run(false);
        Path file = out.resolve(Pretrainer.CHECKPOINT);
        byte[] before = Files.readAllBytes(file);
        Files.createDirectories(out.resolve(Pretrainer.CHECKPOINT + ".tmp").resolve("blocker"));
        IOException e = assertThrows(IOException.class, () -> trainer(config(LossKind.CLEF, 4, 2), out).run(true));
        assertTrue(e.getMessage().contains("writing the checkpoint at step 4 failed")
                && e.getMessage().contains("is intact"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void anOutputPathThatIsNoFolderIsReported() throws IOException {
        Path blocker = Files.writeString(dir.resolve("a-file"), "x");
        IOException e = assertThrows(IOException.class,
                () -> trainer(config(LossKind.CLEF, 2, 100), blocker.resolve("out")).run(false));
        assertTrue(e.getMessage().contains("is not a writable folder"), e.getMessage());
    }
}
