package org.jclef.clef.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jclef.clef.model.Net1DConfig;

/**
 * The convolutions of a {@link org.jclef.clef.model.Net1D} forward pass as {@link ConvShape}s, and the network's
 * counted FLOPs: what the benchmarks time and divide by.
 *
 * <p>Layer names follow the module tree: {@code stem}, {@code stage3.block0.conv2}. A catalogue
 * name puts the model in front ({@code small.stage3.block0.conv2}) and stands for the layer at the
 * model's {@linkplain #defaultBatch benchmark batch} on a 5000-sample input.
 */
public final class Net1DLayers {
    /** 10 s at 500 Hz: the CLEF input length. */
    public static final int INPUT_LENGTH = 5000;

    /** A convolution of the network. */
    public record Layer(String name, ConvShape shape) {
    }

    private Net1DLayers() {
    }

    /** The convolution batch the layer benchmarks use: 128 for Small, 16 for the larger scales. */
    public static int defaultBatch(Net1DConfig config) {
        return config.name().equals("small") ? 128 : 16;
    }

    /** Every convolution of one forward pass of {@code x: [batch, in_channels, length]}, in execution order. */
    public static List<Layer> convolutions(Net1DConfig config, int batch, int length) {
        List<Layer> out = new ArrayList<>();
        int k = config.kernelSize();
        out.add(new Layer("stem", new ConvShape(batch, config.inChannels(), config.baseFilters(), 1, k, length,
                config.stride())));
        int l = Math.ceilDiv(length, config.stride());
        for (Net1DConfig.Stage stage : config.stages()) {
            for (int b = 0; b < stage.blocks(); b++) {
                int in = b == 0 ? stage.inChannels() : stage.outChannels();
                int stride = b == 0 ? config.stride() : 1;
                int m = stage.middleChannels();
                String prefix = "stage" + stage.index() + ".block" + b + ".";
                out.add(new Layer(prefix + "conv1", new ConvShape(batch, in, m, 1, 1, l, 1)));
                out.add(new Layer(prefix + "conv2", new ConvShape(batch, m, m, stage.groups(), k, l, stride)));
                l = Math.ceilDiv(l, stride);
                out.add(new Layer(prefix + "conv3", new ConvShape(batch, m, stage.outChannels(), 1, 1, l, 1)));
            }
        }
        return out;
    }

    /**
     * A layer by catalogue name ({@code small.stage3.block0.conv2}, {@code medium.stem}) at the
     * model's default batch and a 5000-sample input.
     */
    public static Layer byName(String qualifiedName) {
        int dot = qualifiedName.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException(unknown(qualifiedName));
        }
        Net1DConfig config;
        try {
            config = Net1DConfig.byName(qualifiedName.substring(0, dot));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(unknown(qualifiedName), e);
        }
        String name = qualifiedName.substring(dot + 1);
        for (Layer layer : convolutions(config, defaultBatch(config), INPUT_LENGTH)) {
            if (layer.name().equals(name)) {
                return layer;
            }
        }
        throw new IllegalArgumentException(unknown(qualifiedName));
    }

    private static String unknown(String name) {
        return "unknown layer '" + name + "': expected MODEL.stem or MODEL.stageS.blockB.convJ with MODEL small, "
                + "medium or large (e.g. small.stage3.block0.conv2)";
    }

    /**
     * A convolution named by a catalogue name ({@link #byName}), by {@code issue} (the reference
     * shape B64, 128→128, 32 groups, k16, L1250, stride 1) or by a {@link ConvShape#parse spec}.
     */
    public static ConvShape resolve(String nameOrSpec) {
        String s = nameOrSpec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("issue")) {
            return ISSUE_SHAPE;
        }
        if (!s.isEmpty() && Character.isLetter(s.charAt(0)) && s.contains(".")) {
            return byName(s).shape();
        }
        return ConvShape.parse(s);
    }

    /** The grouped convolution of the foundation issue's target table. */
    public static final ConvShape ISSUE_SHAPE = new ConvShape(64, 128, 128, 32, 16, 1250, 1);

    /**
     * Counted FLOPs of one forward pass: the convolutions and the squeeze-and-excitation linear
     * layers, 2 per multiply-add. Elementwise work (swish, sigmoid, the SE scaling, the residual
     * additions, pooling) is left out: it is memory-bound and small next to the convolutions.
     */
    public static double forwardFlops(Net1DConfig config, int batch, int length) {
        double flops = 0;
        for (Layer layer : convolutions(config, batch, length)) {
            flops += layer.shape().forwardFlops();
        }
        return flops + seFlops(config, batch);
    }

    /**
     * Counted FLOPs of one training step (forward, backward, no optimiser): each convolution's
     * forward, backward-data (except the stem's: the input needs no gradient) and backward-weight
     * passes, and the SE layers' three matrix products, each counted as in {@link #forwardFlops}.
     */
    public static double trainStepFlops(Net1DConfig config, int batch, int length) {
        double flops = 0;
        for (Layer layer : convolutions(config, batch, length)) {
            flops += layer.shape().forwardFlops() * (layer.name().equals("stem") ? 2 : 3);
        }
        return flops + 3 * seFlops(config, batch);
    }

    private static double seFlops(Net1DConfig config, int batch) {
        double flops = 0;
        for (Net1DConfig.Stage stage : config.stages()) {
            int c = stage.outChannels();
            int hidden = c / 2;
            flops += stage.blocks() * 2.0 * batch * 2 * c * hidden;
        }
        return flops;
    }
}
