package org.jclef.bench;

import org.openjdk.jmh.annotations.Param;

/**
 * Net1D's grouped k16 convolutions (the blocks' {@code conv2}) through {@link ConvKernelBenchmark}.
 *
 * <p>Default layers: {@code issue} (B64, 128→128, g32, L1250, stride 1); Small at batch 128 (4
 * channels per group): stage 0's stride-2 layer on the 2500-sample stem output, stage 2's stride-1
 * layer (L313), stage 5's stride-2 (L79) and stride-1 (L40) layers; Medium at batch 16 (16 channels
 * per group): stage 0 stride 1 (L1250), stage 3 stride 2 (L313), stage 6 stride 1 (L20). Any other
 * layer or shape with {@code -p layer=...} (see {@link BenchParams}).
 */
public class ConvBenchmark extends ConvKernelBenchmark {

    @Param({"issue", "small.stage0.block0.conv2", "small.stage2.block1.conv2", "small.stage5.block0.conv2",
            "small.stage5.block1.conv2", "medium.stage0.block1.conv2", "medium.stage3.block0.conv2",
            "medium.stage6.block1.conv2"})
    public String layer;

    @Param(BenchParams.LAYER_BATCH)
    public String batch;

    @Param("simd")
    public String backend;

    @Param("2")
    public String threads;

    @Override
    protected String layer() {
        return layer;
    }

    @Override
    protected String batch() {
        return batch;
    }

    @Override
    protected String backend() {
        return backend;
    }

    @Override
    protected String threads() {
        return threads;
    }
}
