package org.jclef.clef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.model.Net1DConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {

    @Test
    void listsAJclefSafetensorsCheckpoint(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("small.safetensors");
        Net1D.create(Net1DConfig.SMALL, 1).save(file);
        CliRun run = CliRun.of("info", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("format                     safetensors"), out);
        assertTrue(out.contains("257 (226 F32, 31 F64)"), out);
        assertTrue(out.contains("447,792"), out);
        assertTrue(out.contains("443,184"), out);
        assertTrue(out.contains("Net1D CLEF-Small"), out);
        assertTrue(out.matches("(?s).*stage_list\\.1\\.block_list\\.0\\.conv2\\.conv\\.weight +F32 +\\[32, 4, 16\\].*"), out);
        assertTrue(out.contains("metadata jclef.net1d.config"), out);
        assertTrue(out.contains("yes, as CLEF-Small (--model small; D = 256)"), out);
    }

    @Test
    void listsALightningCheckpoint() {
        Path ckpt = Path.of(System.getProperty("basedir", ".")).resolve("../nn/src/test/resources/checkpoints/"
                + "net1d_small_lightning.ckpt").normalize();
        CliRun run = CliRun.of("info", ckpt.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("PyTorch Lightning checkpoint"), run.out());
        assertTrue(run.out().contains("backbone.first_bn.num_batches_tracked"), run.out());
        assertTrue(run.out().contains("yes, as CLEF-Small"), run.out());
    }

    @Test
    void rejectsWhatIsNotACheckpoint(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        EmbedCommandTest.assertFails(1, "not a PyTorch checkpoint", "info", text.toString());
        EmbedCommandTest.assertFails(2, "no such file", "info", dir.resolve("missing.ckpt").toString());
        EmbedCommandTest.assertFails(2, "expected one FILE, got 0", "info");
    }
}
