package org.jclef.clef.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jclef.nn.StateDicts;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Net1D checkpoints in safetensors: jclef's own files, bare state dicts, "backbone."-prefixed ones, mismatches. */
class Net1DFilesTest {

    private static float[] signal() {
        float[] x = new float[700];
        for (int t = 0; t < x.length; t++) {
            x[t] = (float) (Math.sin(t * 0.03) + 0.3 * Math.cos(t * 0.4));
        }
        return x;
    }

    @Test
    void saveThenLoadGivesTheSameEmbedding(@TempDir Path dir) throws Exception {
        Net1D net = Net1D.create(Net1DConfig.SMALL, 123);
        Path file = dir.resolve("small.safetensors");
        net.save(file);
        Net1D loaded = Net1D.load(file);
        assertEquals(Net1DConfig.SMALL, loaded.config());
        assertArrayEquals(net.embed(signal()), loaded.embed(signal()));
        assertEquals(Net1DFiles.FORMAT, StateDicts.metadata(file).get(Net1DFiles.FORMAT_METADATA));
    }

    @Test
    void bareAndPrefixedStateDictsAreRecognised(@TempDir Path dir) throws Exception {
        Net1D net = Net1D.create(Net1DConfig.SMALL, 5);
        Map<String, Tensor> prefixed = new LinkedHashMap<>();
        net.stateDict().forEach((k, t) -> prefixed.put("backbone." + k, t));
        Path file = dir.resolve("clef_small.safetensors");
        StateDicts.save(file, prefixed, Map.of());
        Net1D loaded = Net1D.load(file);
        assertEquals(Net1DConfig.SMALL, loaded.config());
        assertArrayEquals(net.embed(signal()), loaded.embed(signal()));
    }

    @Test
    void mismatchesNameTheFileAndTheProblem(@TempDir Path dir) throws Exception {
        Net1D net = Net1D.create(Net1DConfig.SMALL, 5);
        Map<String, Tensor> state = new LinkedHashMap<>(net.stateDict());
        state.remove("stage_list.5.block_list.1.se_fc2.bias");
        Path file = dir.resolve("broken.safetensors");
        StateDicts.save(file, state, Map.of());
        IOException e = assertThrows(IOException.class, () -> Net1D.load(file));
        assertTrue(e.getMessage().startsWith(file + ": the tensors match none of the CLEF scales"), e.getMessage());
        assertTrue(e.getMessage().contains("Net1D CLEF-Small"), e.getMessage());
        e = assertThrows(IOException.class, () -> Net1D.load(file, Net1DConfig.SMALL));
        assertTrue(e.getMessage().startsWith(file + ": state_dict does not match the model"), e.getMessage());
        assertTrue(e.getMessage().contains("stage_list.5.block_list.1.se_fc2.bias"), e.getMessage());

        Path good = dir.resolve("small.safetensors");
        net.save(good);
        e = assertThrows(IOException.class, () -> Net1D.load(good, Net1DConfig.MEDIUM));
        assertTrue(e.getMessage().contains("the file holds Net1D CLEF-Small"), e.getMessage());
    }

    @Test
    void batchNormEntriesAreOptionalUnlessBatchNormRuns(@TempDir Path dir) throws Exception {
        Net1D net = Net1D.create(Net1DConfig.SMALL, 6);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        net.stateDict().forEach((k, t) -> {
            if (!GoldenForwardTest.isBatchNorm(k)) {
                weights.put(k, t);
            }
        });
        assertEquals(102, weights.size());
        Path file = dir.resolve("weights_only.safetensors");
        StateDicts.save(file, weights, Map.of());
        assertArrayEquals(net.embed(signal()), Net1D.load(file).embed(signal()));
        IOException e = assertThrows(IOException.class,
                () -> Net1D.load(file, Net1DConfig.SMALL.withBatchNorm(true)));
        assertTrue(e.getMessage().contains("155 missing"), e.getMessage());
    }
}
