package org.jclef.clef.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.model.Net1DConfig;
import org.jclef.nn.Parameter;
import org.junit.jupiter.api.Test;

class Net1DLayersTest {

    private static ConvShape shape(String name) {
        return Net1DLayers.byName(name).shape();
    }

    @Test
    void smallHasTheLayerShapesOfTheSpec() {
        List<Net1DLayers.Layer> layers = Net1DLayers.convolutions(Net1DConfig.SMALL, 128, 5000);
        assertEquals(1 + 10 * 3, layers.size());
        assertEquals(new ConvShape(128, 1, 32, 1, 16, 5000, 2), layers.get(0).shape());
        List<ConvShape> grouped = layers.stream().filter(l -> l.name().endsWith("conv2"))
                .map(Net1DLayers.Layer::shape).toList();
        assertEquals(List.of(2500, 1250, 625, 313, 313, 157, 157, 79, 79, 40),
                grouped.stream().map(ConvShape::length).toList());
        for (ConvShape s : grouped) {
            assertEquals(4, s.inChannels() / s.groups(), "Small: 4 channels per group, " + s);
        }
        assertEquals(new ConvShape(128, 64, 64, 16, 16, 313, 2), shape("small.stage3.block0.conv2"));
        assertEquals(new ConvShape(128, 256, 128, 1, 1, 40, 1), shape("small.stage5.block1.conv1"));
        assertEquals(new ConvShape(128, 32, 16, 1, 1, 2500, 1), shape("small.stage0.block0.conv1"));
    }

    @Test
    void mediumHasSixteenChannelsPerGroupAtBatchSixteen() {
        for (Net1DLayers.Layer l : Net1DLayers.convolutions(Net1DConfig.MEDIUM, 16, 5000)) {
            if (l.name().endsWith("conv2")) {
                assertEquals(16, l.shape().inChannels() / l.shape().groups(), l.toString());
            }
        }
        assertEquals(new ConvShape(16, 1024, 1024, 64, 16, 20, 1), shape("medium.stage6.block1.conv2"));
    }

    /** The layer list matches the real network: every listed shape is a Conv1dSame of Net1D with that weight shape. */
    @Test
    void layersMatchTheModulesOfNet1D() {
        for (Net1DConfig config : List.of(Net1DConfig.SMALL, Net1DConfig.MEDIUM)) {
            Net1D net = Net1D.create(config, 1);
            var params = net.namedParameters();
            int weights = 0;
            for (Net1DLayers.Layer l : Net1DLayers.convolutions(config, 2, 5000)) {
                String module = l.name().replaceFirst("stage(\\d+)\\.block(\\d+)\\.", "stage_list.$1.block_list.$2.");
                String key = l.name().equals("stem") ? "first_conv.conv.weight" : module + ".conv.weight";
                Parameter w = params.get(key);
                ConvShape s = l.shape();
                assertTrue(w != null, key + " missing");
                assertEquals(List.of(s.outChannels(), s.inChannels() / s.groups(), s.kernel()),
                        Arrays.stream(w.shape()).boxed().toList(), key);
                weights++;
            }
            long convWeights = params.keySet().stream().filter(k -> k.endsWith("conv.weight")).count();
            assertEquals(convWeights, weights, config.name());
        }
    }

    @Test
    void flopsAddUpAndATrainStepCountsThreePassesExceptTheStemsInputGradient() {
        double convs = 0;
        double stem = 0;
        for (Net1DLayers.Layer l : Net1DLayers.convolutions(Net1DConfig.SMALL, 4, 5000)) {
            convs += l.shape().forwardFlops();
            stem = l.name().equals("stem") ? l.shape().forwardFlops() : stem;
        }
        // SE: per block 2 linear layers C -> C/2 -> C, 2 FLOPs per multiply-add, batch 4.
        double se = 0;
        int[] widths = {32, 64, 64, 64, 128, 128, 128, 128, 256, 256};
        for (int c : widths) {
            se += 2.0 * 4 * 2 * c * (c / 2);
        }
        assertEquals(convs + se, Net1DLayers.forwardFlops(Net1DConfig.SMALL, 4, 5000), 1e-6);
        assertEquals(3 * (convs + se) - stem, Net1DLayers.trainStepFlops(Net1DConfig.SMALL, 4, 5000), 1e-6);
    }

    @Test
    void resolveTakesNamesTheIssueShapeAndSpecs() {
        assertEquals(Net1DLayers.ISSUE_SHAPE, Net1DLayers.resolve("issue"));
        assertEquals(Net1DLayers.byName("medium.stem").shape(), Net1DLayers.resolve("medium.stem"));
        assertEquals(new ConvShape(2, 4, 4, 1, 1, 8, 1), Net1DLayers.resolve("n2,c4,l8"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Net1DLayers.resolve("small.stage9.block0.conv2"));
        assertTrue(e.getMessage().contains("unknown layer 'small.stage9.block0.conv2'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Net1DLayers.resolve("tiny.stem"));
    }
}
