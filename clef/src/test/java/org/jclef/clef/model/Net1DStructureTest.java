package org.jclef.clef.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.jclef.autograd.GradMode;
import org.jclef.autograd.Variable;
import org.jclef.nn.Init;
import org.jclef.nn.Parameter;
import org.jclef.nn.layers.Conv1dSame;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec §2.5–2.6 (test vector T2: parameter and state-dict counts) and §2.1/2.4 (T1: geometry). */
class Net1DStructureTest {

    static Stream<Arguments> scales() {
        return Stream.of(
                Arguments.of(Net1DConfig.SMALL, 447_792L, 443_184L, 257, 10),
                Arguments.of(Net1DConfig.MEDIUM, 30_654_000L, 30_587_632L, 507, 20),
                Arguments.of(Net1DConfig.LARGE, 296_623_360L, 296_301_312L, 957, 38));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scales")
    void countsMatchTheSpecWithoutAllocating(Net1DConfig config, long withBn, long withoutBn, int entries, int blocks) {
        Net1D net = new Net1D(config, Init.seeded(DType.F32, 0));
        assertEquals(withBn, net.parameterCount());
        long nonBn = net.namedParameters().entrySet().stream()
                .filter(e -> !GoldenForwardTest.isBatchNorm(e.getKey())).mapToLong(e -> e.getValue().numel()).sum();
        assertEquals(withoutBn, nonBn);
        Map<String, int[]> shapes = net.stateShapes();
        assertEquals(entries, shapes.size());
        assertEquals(2 + 10 * blocks, shapes.keySet().stream().filter(k -> !GoldenForwardTest.isBatchNorm(k)).count());
        assertTrue(net.parameters().stream().noneMatch(Parameter::isMaterialized), "counting must not allocate weights");
        assertEquals(config, Net1DFiles.identify(shapes).orElseThrow());
    }

    @Test
    void keysAndShapesFollowTheReference() {
        Map<String, int[]> shapes = new Net1D(Net1DConfig.SMALL, Init.seeded(DType.F32, 0)).stateShapes();
        List<String> keys = List.copyOf(shapes.keySet());
        assertEquals(List.of("first_conv.conv.weight", "first_conv.conv.bias", "first_bn.weight", "first_bn.bias",
                "first_bn.running_mean", "first_bn.running_var", "first_bn.num_batches_tracked",
                "stage_list.0.block_list.0.bn1.weight"), keys.subList(0, 8));
        assertArrayEquals(new int[] {32, 1, 16}, shapes.get("first_conv.conv.weight"));
        // The spec's §8 example: Small, stage 1, block 0.
        String b = "stage_list.1.block_list.0.";
        assertArrayEquals(new int[] {32, 32, 1}, shapes.get(b + "conv1.conv.weight"));
        assertArrayEquals(new int[] {32, 4, 16}, shapes.get(b + "conv2.conv.weight"));
        assertArrayEquals(new int[] {64, 32, 1}, shapes.get(b + "conv3.conv.weight"));
        assertArrayEquals(new int[] {32, 64}, shapes.get(b + "se_fc1.weight"));
        assertArrayEquals(new int[] {64, 32}, shapes.get(b + "se_fc2.weight"));
        assertArrayEquals(new int[] {32}, shapes.get(b + "bn1.running_mean"));
        assertArrayEquals(new int[0], shapes.get(b + "bn3.num_batches_tracked"));
        List<String> blockKeys = keys.stream().filter(k -> k.startsWith(b)).map(k -> k.substring(b.length())).toList();
        assertEquals(List.of("bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked",
                "conv1.conv.weight", "conv1.conv.bias", "bn2.weight", "bn2.bias", "bn2.running_mean", "bn2.running_var",
                "bn2.num_batches_tracked", "conv2.conv.weight", "conv2.conv.bias", "bn3.weight", "bn3.bias",
                "bn3.running_mean", "bn3.running_var", "bn3.num_batches_tracked", "conv3.conv.weight", "conv3.conv.bias",
                "se_fc1.weight", "se_fc1.bias", "se_fc2.weight", "se_fc2.bias"), blockKeys);
        // Large, stage 0: M = 192 in 4 groups of 48 channels.
        Map<String, int[]> large = new Net1D(Net1DConfig.LARGE, Init.seeded(DType.F32, 0)).stateShapes();
        assertArrayEquals(new int[] {192, 48, 16}, large.get("stage_list.0.block_list.1.conv2.conv.weight"));
        assertArrayEquals(new int[] {2048, 1024}, large.get("stage_list.8.block_list.5.se_fc2.weight"));
    }

    @Test
    void perStageTableOfTheSpec() {
        List<Net1DConfig.Stage> medium = Net1DConfig.MEDIUM.stages();
        assertEquals(new Net1DConfig.Stage(1, 64, 160, 160, 10, 2), medium.get(1));
        assertEquals(new Net1DConfig.Stage(5, 400, 1024, 1024, 64, 4), medium.get(5));
        assertEquals(new Net1DConfig.Stage(7, 1024, 2048, 3072, 64, 6), Net1DConfig.LARGE.stages().get(7));
        assertEquals(new Net1DConfig.Stage(3, 64, 128, 64, 16, 2), Net1DConfig.SMALL.stages().get(3));
        assertEquals(List.of(256, 1024, 2048), Net1DConfig.SCALES.stream().map(Net1DConfig::embeddingDim).toList());
    }

    @Test
    void samePaddingSplitsOfT1() {
        assertEquals(new Conv1dSame.Padding(7, 7), Conv1dSame.padding(5000, 16, 2));
        assertEquals(new Conv1dSame.Padding(7, 8), Conv1dSame.padding(625, 16, 2));
        assertEquals(new Conv1dSame.Padding(7, 8), Conv1dSame.padding(313, 16, 1));
        assertEquals(new Conv1dSame.Padding(0, 0), Conv1dSame.padding(313, 1, 1));
    }

    @Test
    void lengthSequenceOfT1() {
        // Nine thin stages, as many as Large has, so that the real blocks run on a 5000-sample input quickly.
        Net1DConfig thin = new Net1DConfig("thin", 1, 8, 16, 2, 1.0, List.of(8, 8, 8, 8, 8, 8, 8, 8, 16),
                List.of(1, 1, 1, 1, 1, 1, 1, 1, 2), 8, false, 0);
        Net1D net = new Net1D(thin, Init.seeded(DType.F32, 0));
        int[] expected = {1250, 625, 313, 157, 79, 40, 20, 10, 5};
        try (var _ = GradMode.noGrad()) {
            Variable h = new Conv1dSame(Init.seeded(DType.F32, 0), 1, 8, 16, 2, 1)
                    .forward(Variable.constant(Tensor.zeros(DType.F32, 1, 1, 5000)));
            assertArrayEquals(new int[] {1, 8, 2500}, h.shape());
            for (int s = 0; s < expected.length; s++) {
                h = net.stage(s).forward(h);
                assertArrayEquals(new int[] {1, thin.filters().get(s), expected[s]}, h.shape(), "stage " + s);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 17, 1000, 2500, 4999, 5000, 10000})
    void anyInputLengthGivesOneEmbedding(int length) {
        Net1D net = Net1D.create(Net1DConfig.SMALL, 42);
        float[] samples = new float[length];
        for (int t = 0; t < length; t++) {
            samples[t] = (float) Math.sin(t * 0.05);
        }
        float[] emb = net.embed(samples);
        assertEquals(256, emb.length);
        for (float v : emb) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void rejectsInputsOfTheWrongShape() {
        Net1D net = Net1D.create(Net1DConfig.SMALL, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.embed(new float[0]));
        assertTrue(e.getMessage().contains("expected input [N, 1, L] with L >= 1 samples, got [1, 1, 0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.embed(Tensor.zeros(DType.F32, 2, 12, 100)));
        assertTrue(e.getMessage().contains("got [2, 12, 100]"), e.getMessage());
    }

    @Test
    void embedMatchesForwardInEvaluationAndRecordsNoGraph() {
        Net1D net = new Net1D(Net1DConfig.SMALL.withBatchNorm(true).withDropout(0.5), Init.seeded(DType.F64, 3));
        Tensor x = Tensor.uniform(DType.F64, new SplittableRandom(1), -1, 1, 2, 1, 300);
        Tensor emb = net.embed(x);
        assertTrue(net.isTraining(), "embed restores the mode");
        net.eval();
        Variable y = net.forward(Variable.constant(x));
        assertArrayEquals(y.value().toDoubleArray(), emb.toDoubleArray());
        assertFalse(Variable.constant(emb).requiresGrad());
        float[] single = net.embed(new float[] {1, 2, 3});
        assertEquals(256, single.length);
    }

    @Test
    void configValidationAndJson() {
        for (Net1DConfig c : Net1DConfig.SCALES) {
            assertEquals(c, Net1DConfig.fromJson(c.toJson(), "test"));
        }
        Net1DConfig custom = Net1DConfig.SMALL.withBatchNorm(true).withDropout(0.25);
        assertEquals(custom, Net1DConfig.fromJson(custom.toJson(), "test"));
        assertEquals(Net1DConfig.MEDIUM, Net1DConfig.byName(" Medium "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Net1DConfig.byName("huge"));
        assertTrue(e.getMessage().contains("expected small, medium or large"));
        assertThrows(IllegalArgumentException.class, () -> new Net1DConfig("bad", 1, 32, 16, 2, 0.5,
                List.of(32, 60), List.of(1, 1), 8, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new Net1DConfig("narrowing", 1, 32, 16, 2, 0.5,
                List.of(64, 32), List.of(1, 1), 8, false, 0));
    }
}
