package org.jclef.bench;

import org.openjdk.jmh.annotations.Param;

/**
 * The scalar reference backend next to the SIMD one on small shapes: the grouped and 1×1
 * convolutions of Small's last block at batch 8 (the scalar backend is about 200 times slower than
 * SIMD: at the other benchmarks' batch 128 one call takes seconds). Kept in the default run so the
 * ratio is tracked; {@code -p backend=scalar} on the other benchmarks with their smallest layers
 * measures more.
 */
public class ScalarReferenceBenchmark extends ConvKernelBenchmark {

    @Param({"small.stage5.block1.conv2", "small.stage5.block1.conv1"})
    public String layer;

    @Param("8")
    public String batch;

    @Param({"scalar", "simd"})
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
