package org.jclef.bench;

import org.openjdk.jmh.annotations.Param;

/**
 * Net1D's 1×1 convolutions (the blocks' {@code conv1} and {@code conv3}) through
 * {@link ConvKernelBenchmark}: per batch entry the GEMM {@code [C_out, C_in] · [C_in, L]}.
 *
 * <p>Default layers: Small at batch 128: stage 0's conv1 (32→16 on L2500) and conv3 (16→32, L1250),
 * stage 5's conv1 (256→128, L40); Medium at batch 16: stage 3's conv1 (400→400, L157) and stage 6's
 * conv3 (1024→1024, L20).
 */
public class PointwiseConvBenchmark extends ConvKernelBenchmark {

    @Param({"small.stage0.block0.conv1", "small.stage0.block0.conv3", "small.stage5.block1.conv1",
            "medium.stage3.block1.conv1", "medium.stage6.block1.conv3"})
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
