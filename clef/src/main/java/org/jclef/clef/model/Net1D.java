package org.jclef.clef.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jclef.autograd.GradMode;
import org.jclef.autograd.Ops;
import org.jclef.autograd.Variable;
import org.jclef.nn.Init;
import org.jclef.nn.Module;
import org.jclef.nn.ModuleList;
import org.jclef.nn.layers.BatchNorm1d;
import org.jclef.nn.layers.Conv1dSame;
import org.jclef.nn.layers.Dropout;
import org.jclef.nn.layers.GlobalAvgPool1d;
import org.jclef.nn.layers.Linear;
import org.jclef.nn.layers.MaxPool1dSame;
import org.jclef.nn.layers.SqueezeExcite;
import org.jclef.nn.layers.Swish;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * Net1D, CLEF's encoder (spec §2): a 1-D ResNeXt-style CNN whose embedding is the time-mean of its
 * last stage. Fully convolutional, so any input length gives an {@code [N, D]} output.
 *
 * <pre>
 *   x [N, 1, L]
 *   stem:   same-padded conv k16 s2 (1 → base) → (BN) → swish            [N, base, ⌈L/2⌉]
 *   stages: s = 0 … S−1, each m_s BasicBlocks; block 0 strides 2          [N, C_s, ⌈L/2^(s+2)⌉]
 *   embedding: mean over time                                            [N, D]
 * </pre>
 *
 * The module tree and its names are the reference's, so the state dict has PyTorch's keys
 * ({@code first_conv.conv.weight}, {@code stage_list.1.block_list.0.conv2.conv.weight}, …) and
 * includes the BatchNorm parameters and buffers even when BatchNorm is off (257 / 507 / 957 entries
 * for Small / Medium / Large). Parameters are allocated lazily ({@link org.jclef.nn.Parameter}),
 * so building and counting even CLEF-Large is cheap.
 */
public final class Net1D extends Module {
    /** SE hidden width C/2 (integer division). */
    static final int SE_REDUCTION = 2;

    private final Net1DConfig config;
    private final Conv1dSame firstConv;
    private final BatchNorm1d firstBn;
    private final Swish firstActivation;
    private final ModuleList<BasicStage> stageList;

    /** A network shaped by {@code config}, its parameters drawn from {@code init} (PyTorch's default init). */
    public Net1D(Net1DConfig config, Init init) {
        this.config = config;
        this.firstConv = registerModule("first_conv",
                new Conv1dSame(init, config.inChannels(), config.baseFilters(), config.kernelSize(), config.stride(), 1));
        this.firstBn = registerModule("first_bn", new BatchNorm1d(init, config.baseFilters()));
        this.firstActivation = registerModule("first_activation", new Swish());
        List<BasicStage> stages = new ArrayList<>();
        for (Net1DConfig.Stage stage : config.stages()) {
            stages.add(new BasicStage(config, stage, init));
        }
        this.stageList = registerModule("stage_list", new ModuleList<>(stages));
    }

    /** A float32 network with seeded random (PyTorch-default) initialisation. */
    public static Net1D create(Net1DConfig config, long seed) {
        return new Net1D(config, Init.seeded(DType.F32, seed));
    }

    /** {@code x: [N, in_channels, L]} → the embedding {@code [N, D]}. */
    @Override
    public Variable forward(Variable x) {
        if (x.rank() != 3 || x.dim(1) != config.inChannels() || x.dim(2) < 1) {
            throw new IllegalArgumentException("Net1D: expected input [N, " + config.inChannels()
                    + ", L] with L >= 1 samples, got " + Arrays.toString(x.shape()));
        }
        Variable h = firstConv.forward(x);
        if (config.batchNorm()) {
            h = firstBn.forward(h);
        }
        h = firstActivation.forward(h);
        h = stageList.forward(h);
        return GlobalAvgPool1d.apply(h);
    }

    /**
     * The embeddings of a batch, {@code x: [N, in_channels, L]} → {@code [N, D]}, computed in
     * evaluation mode without recording a graph (the module's mode is restored afterwards).
     */
    public Tensor embed(Tensor x) {
        boolean wasTraining = isTraining();
        eval();
        try (var _ = GradMode.noGrad()) {
            return forward(Variable.constant(x)).value();
        } finally {
            train(wasTraining);
        }
    }

    /** The embedding of one single-lead recording (a one-channel network), in float32. */
    public float[] embed(float[] samples) {
        if (config.inChannels() != 1) {
            throw new IllegalArgumentException("Net1D.embed(float[]): the network takes " + config.inChannels()
                    + " input channels; pass a [N, C, L] tensor instead");
        }
        Tensor x = Tensor.of(samples.clone(), 1, 1, samples.length);
        DType dtype = firstConv.conv().weight().dtype();
        return embed(dtype == DType.F32 ? x : x.to(dtype)).toFloatArray();
    }

    // ---------------------------------------------------------------- accessors

    public Net1DConfig config() {
        return config;
    }

    /** The embedding dimension D. */
    public int embeddingDim() {
        return config.embeddingDim();
    }

    /** Stage {@code s}. */
    public BasicStage stage(int s) {
        return stageList.get(s);
    }

    // ---------------------------------------------------------------- checkpoints (Net1DFiles)

    /** Writes this network to a safetensors file ({@link Net1DFiles#save}). */
    public void save(Path file) throws IOException {
        Net1DFiles.save(this, file);
    }

    /** Loads a .safetensors, .pt or .ckpt checkpoint of a CLEF scale ({@link Net1DFiles#load}). */
    public static Net1D load(Path file) throws IOException {
        return Net1DFiles.load(file, null);
    }

    /** Loads a checkpoint into a network of the given configuration ({@link Net1DFiles#load}). */
    public static Net1D load(Path file, Net1DConfig config) throws IOException {
        return Net1DFiles.load(file, config);
    }

    /** A stage (§2.3): {@code block_list} of m blocks; block 0 downsamples and changes the width. */
    public static final class BasicStage extends Module {
        private final ModuleList<BasicBlock> blockList;

        BasicStage(Net1DConfig config, Net1DConfig.Stage stage, Init init) {
            List<BasicBlock> blocks = new ArrayList<>();
            for (int b = 0; b < stage.blocks(); b++) {
                boolean first = b == 0;
                blocks.add(new BasicBlock(config, init,
                        first ? stage.inChannels() : stage.outChannels(), stage.outChannels(), stage.middleChannels(),
                        first ? config.stride() : 1, stage.groups(), first, stage.index() == 0 && first));
            }
            this.blockList = registerModule("block_list", new ModuleList<>(blocks));
        }

        /** {@code [N, C_in, L]} → {@code [N, C_out, ⌈L/stride⌉]}. */
        @Override
        public Variable forward(Variable x) {
            return blockList.forward(x);
        }

        public BasicBlock block(int b) {
            return blockList.get(b);
        }

        public int size() {
            return blockList.size();
        }
    }

    /**
     * A pre-activation bottleneck block (§2.2): 1×1 conv C_in → M, grouped k16 conv M → M (stride s),
     * 1×1 conv M → C_out, each after a swish (the network's very first block skips its first one);
     * squeeze-and-excitation; plus the shortcut (max-pooled when downsampling, channel-zero-padded
     * when widening); no activation after the addition.
     */
    public static final class BasicBlock extends Module {
        private final int inChannels;
        private final int outChannels;
        private final boolean downsample;
        private final boolean isFirstBlock;
        private final boolean batchNorm;
        private final BatchNorm1d bn1;
        private final Swish activation1;
        private final Dropout do1;
        private final Conv1dSame conv1;
        private final BatchNorm1d bn2;
        private final Swish activation2;
        private final Dropout do2;
        private final Conv1dSame conv2;
        private final BatchNorm1d bn3;
        private final Swish activation3;
        private final Dropout do3;
        private final Conv1dSame conv3;
        private final Linear seFc1;
        private final Linear seFc2;
        private final MaxPool1dSame maxPool;

        BasicBlock(Net1DConfig config, Init init, int inChannels, int outChannels, int middleChannels, int stride,
                   int groups, boolean downsample, boolean isFirstBlock) {
            this.inChannels = inChannels;
            this.outChannels = outChannels;
            this.downsample = downsample;
            this.isFirstBlock = isFirstBlock;
            this.batchNorm = config.batchNorm();
            int k = config.kernelSize();
            this.bn1 = registerModule("bn1", new BatchNorm1d(init, inChannels));
            this.activation1 = registerModule("activation1", new Swish());
            this.do1 = registerModule("do1", new Dropout(init, config.dropout()));
            this.conv1 = registerModule("conv1", new Conv1dSame(init, inChannels, middleChannels, 1, 1, 1));
            this.bn2 = registerModule("bn2", new BatchNorm1d(init, middleChannels));
            this.activation2 = registerModule("activation2", new Swish());
            this.do2 = registerModule("do2", new Dropout(init, config.dropout()));
            this.conv2 = registerModule("conv2", new Conv1dSame(init, middleChannels, middleChannels, k, stride, groups));
            this.bn3 = registerModule("bn3", new BatchNorm1d(init, middleChannels));
            this.activation3 = registerModule("activation3", new Swish());
            this.do3 = registerModule("do3", new Dropout(init, config.dropout()));
            this.conv3 = registerModule("conv3", new Conv1dSame(init, middleChannels, outChannels, 1, 1, 1));
            this.seFc1 = registerModule("se_fc1", new Linear(init, outChannels, outChannels / SE_REDUCTION));
            this.seFc2 = registerModule("se_fc2", new Linear(init, outChannels / SE_REDUCTION, outChannels));
            this.maxPool = downsample ? registerModule("max_pool", new MaxPool1dSame(stride)) : null;
        }

        /** {@code x: [N, C_in, L]} → {@code [N, C_out, ⌈L/stride⌉]}. */
        @Override
        public Variable forward(Variable x) {
            Variable h = isFirstBlock ? x : preActivation(x, bn1, activation1, do1);
            h = conv1.forward(h);
            h = conv2.forward(preActivation(h, bn2, activation2, do2));
            h = conv3.forward(preActivation(h, bn3, activation3, do3));
            h = SqueezeExcite.apply(h, seFc1, seFc2);
            return Ops.add(h, shortcut(x));
        }

        /** (BN →) swish → dropout; BN only when the configuration enables it, dropout the identity at p = 0. */
        private Variable preActivation(Variable h, BatchNorm1d bn, Swish activation, Dropout dropout) {
            Variable out = batchNorm ? bn.forward(h) : h;
            return dropout.forward(activation.forward(out));
        }

        /** x, max-pooled when downsampling, with ⌊(C_out − C_in)/2⌋ zero channels before it and the rest after. */
        private Variable shortcut(Variable x) {
            Variable identity = downsample ? maxPool.forward(x) : x;
            if (outChannels == inChannels) {
                return identity;
            }
            int before = (outChannels - inChannels) / 2;
            return Ops.padAxis(identity, 1, before, outChannels - inChannels - before);
        }

        public Conv1dSame conv1() {
            return conv1;
        }

        public Conv1dSame conv2() {
            return conv2;
        }

        public Conv1dSame conv3() {
            return conv3;
        }

        public Linear seFc1() {
            return seFc1;
        }

        public Linear seFc2() {
            return seFc2;
        }
    }
}
