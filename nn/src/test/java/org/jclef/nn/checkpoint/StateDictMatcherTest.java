package org.jclef.nn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Strict key matching against the Net1D-Small fixtures and shapes from the spec's key table. */
class StateDictMatcherTest {
    private static Map<String, int[]> smallFile;
    private static Map<String, int[]> lightningFile;

    @BeforeAll
    static void readShapes() throws IOException {
        try (TorchArchive a = TorchArchive.open(Fixtures.path("net1d_small_state_dict.pt"))) {
            smallFile = StateDictKeys.shapesOfRefs(CheckpointContents.locate(a.content(), "pt").stateDict());
        }
        try (TorchArchive a = TorchArchive.open(Fixtures.path("net1d_small_lightning.ckpt"))) {
            lightningFile = StateDictKeys.shapesOfRefs(CheckpointContents.locate(a.content(), "ckpt").stateDict());
        }
    }

    private static Map<String, int[]> withoutBatchNorm(Map<String, int[]> shapes) {
        Map<String, int[]> out = new LinkedHashMap<>();
        shapes.forEach((k, v) -> {
            if (!StateDictKeys.isBatchNorm(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Test
    void specKeyTableReproducesThePyTorchModelExactly() {
        Map<String, int[]> spec = Net1dShapes.small();
        assertEquals(new ArrayList<>(spec.keySet()), new ArrayList<>(smallFile.keySet()));
        spec.forEach((k, v) -> assertArrayEquals(v, smallFile.get(k), k));
        MatchReport report = StateDictMatcher.expecting(spec).match(smallFile);
        assertTrue(report.isExact(), report.describe());
        assertEquals(257, report.matched());
        assertEquals(102, withoutBatchNorm(spec).size());
    }

    @Test
    void lightningPrefixIsReportedThenStripped() throws CheckpointException {
        StateDictMatcher matcher = StateDictMatcher.expecting(Net1dShapes.small());
        MatchReport raw = matcher.match(lightningFile);
        assertFalse(raw.isExact());
        assertEquals(257, raw.missing().size());
        assertEquals(257, raw.unexpected().size());
        assertEquals("first_conv.conv.weight", raw.missing().getFirst());
        assertEquals("backbone.first_conv.conv.weight", raw.unexpected().getFirst());
        assertTrue(raw.hints().getFirst().contains("257 of the 257 unexpected keys are expected keys behind"
                + " the prefix 'backbone.'"), raw.hints().toString());
        CheckpointException e = assertThrows(CheckpointException.class, () -> raw.requireExact("clef_small.ckpt"));
        assertTrue(e.getMessage().startsWith("clef_small.ckpt: state_dict does not match the model: 0 matched,"
                + " 257 missing, 257 unexpected"), e.getMessage());
        assertTrue(e.getMessage().contains("… and 247 more"), e.getMessage());

        MatchReport stripped = matcher.strippingPrefix("backbone.").match(lightningFile);
        assertTrue(stripped.isExact(), stripped.describe());
        stripped.requireExact("clef_small.ckpt");
    }

    @Test
    void batchNormEntriesCanBeSkippedAndAreCounted() {
        Map<String, int[]> model = withoutBatchNorm(Net1dShapes.small());
        MatchReport strict = StateDictMatcher.expecting(model).match(smallFile);
        assertEquals(155, strict.unexpected().size());
        assertTrue(strict.missing().isEmpty());
        assertTrue(strict.hints().contains("every missing or unexpected key is a BatchNorm entry, which CLEF"
                + " never applies: skip them with skippingBatchNorm()"), strict.hints().toString());

        MatchReport skipping = StateDictMatcher.expecting(model).skippingBatchNorm().match(smallFile);
        assertTrue(skipping.isExact(), skipping.describe());
        assertEquals(102, skipping.matched());
        assertEquals(155, skipping.skippedLoaded());
        assertEquals(0, skipping.skippedExpected());
        assertTrue(skipping.describe().contains("BatchNorm entries skipped: 0 expected, 155 in the file"),
                skipping.describe());
    }

    @Test
    void missingUnexpectedAndReshapedKeysAreAllListed() {
        Map<String, int[]> file = new LinkedHashMap<>(smallFile);
        file.remove("stage_list.5.block_list.1.se_fc2.bias");
        file.put("stage_list.2.block_list.0.conv2.conv.weight", new int[] {32, 8, 16});
        file.put("dense.weight", new int[] {5, 256});
        MatchReport report = StateDictMatcher.expecting(Net1dShapes.small()).skippingBatchNorm().match(file);
        assertEquals(List.of("stage_list.5.block_list.1.se_fc2.bias"), report.missing());
        assertEquals(List.of("dense.weight"), report.unexpected());
        assertEquals(1, report.shapeMismatches().size());
        MatchReport.ShapeMismatch m = report.shapeMismatches().getFirst();
        assertEquals("stage_list.2.block_list.0.conv2.conv.weight", m.key());
        assertArrayEquals(new int[] {32, 4, 16}, m.expected());
        assertArrayEquals(new int[] {32, 8, 16}, m.loaded());
        assertEquals(100, report.matched());
        assertTrue(report.describe().contains("stage_list.2.block_list.0.conv2.conv.weight: model [32, 4, 16],"
                + " file [32, 8, 16]"), report.describe());
        assertTrue(report.hints().contains("1 tensors differ in shape: the file was probably saved from a model"
                + " of another size or configuration"), report.hints().toString());
    }

    @Test
    void wrongModelSizeIsNamed() {
        MatchReport report = StateDictMatcher.expecting(Net1dShapes.medium()).strippingPrefix("backbone.")
                .skippingBatchNorm().match(lightningFile);
        assertFalse(report.isExact());
        String hints = String.join("\n", report.hints());
        assertTrue(hints.contains("the file holds Net1D CLEF-Small (base width 32, 6 stages, 10 blocks, in_ch 1)"
                + " but the model is Net1D CLEF-Medium (base width 64, 7 stages, 20 blocks, in_ch 1)"), hints);
    }

    @Test
    void prefixTheFileLacksIsReported() {
        Map<String, int[]> model = new LinkedHashMap<>();
        smallFile.forEach((k, v) -> model.put("module." + k, v));
        MatchReport report = StateDictMatcher.expecting(model).match(smallFile);
        assertTrue(report.hints().stream().anyMatch(h -> h.startsWith("257 of the 257 missing keys are in the"
                + " file without the prefix 'module.'")), report.hints().toString());
    }

    @Test
    void batchNormKeysAreRecognisedByModuleName() {
        assertTrue(StateDictKeys.isBatchNorm("first_bn.weight"));
        assertTrue(StateDictKeys.isBatchNorm("backbone.first_bn.num_batches_tracked"));
        assertTrue(StateDictKeys.isBatchNorm("stage_list.0.block_list.0.bn1.running_var"));
        assertTrue(StateDictKeys.isBatchNormBuffer("stage_list.0.block_list.0.bn3.running_mean"));
        assertFalse(StateDictKeys.isBatchNormBuffer("stage_list.0.block_list.0.bn3.weight"));
        assertFalse(StateDictKeys.isBatchNorm("stage_list.0.block_list.0.conv1.conv.weight"));
        assertFalse(StateDictKeys.isBatchNorm("stage_list.0.block_list.0.se_fc1.bias"));
        assertFalse(StateDictKeys.isBatchNorm("num_batches_tracked"));
        assertFalse(StateDictKeys.isBatchNorm("bn1.scale"));
    }
}
