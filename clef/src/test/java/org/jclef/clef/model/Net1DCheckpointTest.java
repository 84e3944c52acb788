package org.jclef.clef.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.io.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyTorch checkpoints of the same Net1D-Small weights (written by tools/torch-fixtures/
 * checkpoints.py, kept once in the nn module's test resources): a torch.save'd state_dict and a
 * Lightning checkpoint with "backbone." keys. Both load to the embedding PyTorch computes
 * (fixture net1d_checkpoint.safetensors), identically to each other and after a safetensors round trip.
 */
class Net1DCheckpointTest {
    private static final Fixture.Case CASE = Fixture.load("fixtures/net1d_checkpoint.safetensors").get("small_checkpoint");

    /** A repository file; the tests run in the clef module's directory. */
    private static Path repositoryFile(String relative) {
        return Path.of(System.getProperty("basedir", ".")).resolve("..").resolve(relative).normalize();
    }

    @Test
    void stateDictAndLightningCheckpointGiveTorchsEmbedding(@TempDir Path dir) throws Exception {
        Net1D fromPt = Net1D.load(repositoryFile(CASE.stringParam("state_dict")));
        Net1D fromCkpt = Net1D.load(repositoryFile(CASE.stringParam("lightning")));
        assertEquals(Net1DConfig.SMALL, fromPt.config());
        assertEquals(Net1DConfig.SMALL, fromCkpt.config());

        Tensor x = CASE.tensor("x");
        Tensor emb = fromPt.embed(x);
        double err = Parity.assertClose(emb, CASE.tensor("emb"), 1e-5, "embedding of the .pt weights");
        System.out.printf(Locale.ROOT, "Net1D from torch checkpoint: relative error %.3g vs PyTorch float64%n", err);
        assertArrayEquals(emb.toFloatArray(), fromCkpt.embed(x).toFloatArray());

        Path converted = dir.resolve("clef_small.safetensors");
        fromCkpt.save(converted);
        assertArrayEquals(emb.toFloatArray(), Net1D.load(converted).embed(x).toFloatArray());
    }

    @Test
    void wrongScaleIsReportedWithTheFilesSize() {
        Path ckpt = repositoryFile(CASE.stringParam("lightning"));
        IOException e = assertThrows(IOException.class, () -> Net1D.load(ckpt, Net1DConfig.MEDIUM));
        assertTrue(e.getMessage().startsWith(ckpt.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("the file holds Net1D CLEF-Small"), e.getMessage());
    }
}
