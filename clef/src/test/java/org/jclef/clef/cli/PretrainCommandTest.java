package org.jclef.clef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.train.TestRecords;
import org.jclef.tensor.Backend;
import org.jclef.tensor.Backends;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainCommandTest {
    @TempDir
    Path dir;
    private Path data;
    private Path model;

    @BeforeEach
    void tinyModelAndFourRecords() throws IOException {
        data = dir.resolve("data");
        TestRecords.writeFolder(data, 4, 300);
        model = Files.writeString(dir.resolve("tiny.json"), TestRecords.TINY.toJson());
    }

    private CliRun pretrain(String... extra) {
        String[] base = {"pretrain", "--model", model.toString(), "--data", data.toString(), "--batch", "2",
                "--window", "256", "--threads", "1", "--loaders", "1"};
        String[] argv = new String[base.length + extra.length];
        System.arraycopy(base, 0, argv, 0, base.length);
        System.arraycopy(extra, 0, argv, base.length, extra.length);
        return CliRun.of(argv);
    }

    @Test
    void trainsWritesItsFilesAndResumes() throws IOException {
        Backend before = Backends.current();
        Path out = dir.resolve("out");
        CliRun first = pretrain("--steps", "3", "--out", out.toString());
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("pretrained tiny with clef: 3 steps (3 this run)"), first.out());
        assertTrue(first.err().contains("metadata: SCORE2 risk known for 0 of 4 patients"), first.err());
        assertEquals(4, Files.readAllLines(out.resolve("metrics.csv")).size());
        for (String file : new String[] {"checkpoint.safetensors", "encoder.safetensors", "loss.svg", "train.log"}) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        assertEquals(8, Net1D.load(out.resolve("encoder.safetensors")).embeddingDim());
        assertTrue(Backends.current() == before, "the command restores the process backend");

        CliRun again = pretrain("--steps", "3", "--out", out.toString());
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("already holds a run"), again.err());

        CliRun resumed = pretrain("--steps", "5", "--out", out.toString(), "--resume");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("5 steps (2 this run)"), resumed.out());
        assertEquals(6, Files.readAllLines(out.resolve("metrics.csv")).size());
    }

    @Test
    void metadataCsvFeedsScore2AndTheMaskModeIsLogged() throws IOException {
        Path csv = Files.writeString(dir.resolve("meta.csv"),
                "record,sbp,tc,hdl,smoker,diabetes\np000,140,6.3,1.4,yes,no\np001,120,5.0,1.5,no,no\n");
        CliRun run = pretrain("--steps", "1", "--out", dir.resolve("out").toString(), "--metadata", csv.toString(),
                "--region", "moderate", "--metadata-mode", "mask");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("SCORE2 risk known for 2 of 4 patients (0 precomputed, 2 computed)"), run.err());
        assertTrue(run.err().contains("metadata mode mask"), run.err());
        assertTrue(run.err().contains("metadata MISSING_MASK"), run.err());
    }

    @Test
    void badInputGetsAClearMessage() throws IOException {
        CliRun loss = pretrain("--loss", "simsiam", "--out", dir.resolve("a").toString());
        assertEquals(2, loss.exitCode());
        assertTrue(loss.err().contains("unknown loss 'simsiam'"), loss.err());

        Path badCsv = Files.writeString(dir.resolve("bad.csv"), "record,sbp\np000,high\n");
        CliRun csv = pretrain("--metadata", badCsv.toString(), "--out", dir.resolve("b").toString());
        assertEquals(1, csv.exitCode());
        assertTrue(csv.err().contains("bad.csv, line 2: column 'sbp': 'high' is not a finite number"), csv.err());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun none = CliRun.of("pretrain", "--model", "small", "--data", empty.toString(), "--out",
                dir.resolve("c").toString());
        assertEquals(1, none.exitCode());
        assertTrue(none.err().contains("empty data set"), none.err());

        Path file = Files.writeString(dir.resolve("file"), "x");
        CliRun out = pretrain("--steps", "1", "--out", file.resolve("sub").toString());
        assertEquals(1, out.exitCode());
        assertTrue(out.err().contains("is not a writable folder"), out.err());

        CliRun batch = CliRun.of("pretrain", "--model", "small", "--data", data.toString(), "--batch", "1");
        assertEquals(2, batch.exitCode());
        assertTrue(batch.err().contains("batch size 1"), batch.err());

        CliRun moco = pretrain("--loss", "moco", "--moco-queue", "1");
        assertEquals(2, moco.exitCode());
        assertTrue(moco.err().contains("--moco-queue >= --batch"), moco.err());
    }

    @Test
    void aDamagedCheckpointIsNotResumedFrom() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, pretrain("--steps", "1", "--out", out.toString()).exitCode());
        Files.writeString(out.resolve("checkpoint.safetensors"), "garbage");
        CliRun run = pretrain("--steps", "2", "--out", out.toString(), "--resume");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("checkpoint.safetensors is damaged"), run.err());
        assertEquals("garbage", Files.readString(out.resolve("checkpoint.safetensors")));
    }
}
