package org.jclef.nn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What `jclef info` prints, and the spec §2.6 counts computed from the §8 key table. */
class CheckpointSummaryTest {
    @Test
    void smallStateDictHasTheSpecCounts() throws IOException {
        CheckpointSummary s = CheckpointSummary.read(Fixtures.path("net1d_small_state_dict.pt"));
        assertEquals(257, s.tensors().size());
        assertEquals(447_792, s.parameterCount());
        assertEquals(443_184, s.parameterCountWithoutBatchNorm());
        Net1dSizeGuess guess = s.net1d().orElseThrow();
        assertEquals("small", guess.size().orElseThrow());
        assertEquals("", guess.prefix());
        CheckpointSummary.TensorEntry first = s.tensors().getFirst();
        assertEquals("first_conv.conv.weight", first.name());
        assertEquals("float32", first.dtype());
        assertArrayEquals(new int[] {32, 1, 16}, first.shape());
        assertEquals("state_dict", s.details().get("layout"));
    }

    @Test
    void lightningSummaryNamesTheTrainingStateWithoutReadingIt() throws IOException {
        CheckpointSummary s = CheckpointSummary.read(Fixtures.path("net1d_small_lightning.ckpt"));
        assertEquals(447_792, s.parameterCount());
        assertEquals("backbone.", s.net1d().orElseThrow().prefix());
        Map<String, String> d = s.details();
        assertEquals("3", d.get("epoch"));
        assertEquals("'2.2.1'", d.get("pytorch-lightning_version"));
        assertEquals("list of 1 item holding 12 tensors of 48 elements (not read)", d.get("optimizer_states"));
        String archive = d.get("archive");
        assertTrue(archive.startsWith("root 'archive', format version 3, pickle protocol 2"), archive);
        String text = s.render(true);
        assertTrue(text.contains("Net1D CLEF-Small (base width 32, 6 stages, 10 blocks, in_ch 1) under the key"
                + " prefix 'backbone.'"), text);
        assertTrue(text.contains("447,792"), text);
        assertTrue(text.contains("257 (226 float32, 31 int64), 452,431 elements"), text);
        String row = "\\s+backbone\\.first_bn\\.num_batches_tracked\\s+int64\\s+\\[\\]";
        assertTrue(text.lines().anyMatch(l -> l.matches(row)), text);
    }

    @Test
    void specCountsHoldForEveryScale() {
        checkCounts(Net1dShapes.small(), 447_792, 443_184, 257, "small");
        checkCounts(Net1dShapes.medium(), 30_654_000, 30_587_632, 507, "medium");
        checkCounts(Net1dShapes.large(), 296_623_360, 296_301_312, 957, "large");
    }

    private static void checkCounts(Map<String, int[]> shapes, long withBn, long withoutBn, int entries,
                                    String size) {
        List<CheckpointSummary.TensorEntry> entriesList = new ArrayList<>();
        shapes.forEach((k, v) -> entriesList.add(new CheckpointSummary.TensorEntry(k,
                k.endsWith("num_batches_tracked") ? "int64" : "float32", v)));
        CheckpointSummary s = CheckpointSummary.of(size, "spec §8 key table", entriesList, Map.of());
        assertEquals(withBn, s.parameterCount(), size);
        assertEquals(withoutBn, s.parameterCountWithoutBatchNorm(), size);
        assertEquals(entries, s.tensors().size(), size);
        assertEquals(size, s.net1d().orElseThrow().size().orElseThrow());
    }

    @Test
    void nonNet1dFilesSaySo() throws IOException {
        CheckpointSummary s = CheckpointSummary.read(Fixtures.path("tiny_views.pt"));
        assertTrue(s.net1d().isEmpty());
        assertTrue(s.render(false).contains("not a Net1D"));
        assertEquals(23, s.tensors().size());
    }
}
