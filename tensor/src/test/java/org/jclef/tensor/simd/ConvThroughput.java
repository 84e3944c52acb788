package org.jclef.tensor.simd;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.jclef.tensor.Backend;
import org.jclef.tensor.Conv1dGeometry;
import org.jclef.tensor.ScalarBackend;
import org.jclef.tensor.Tensor;

/**
 * GFLOP/s of Net1D's widest grouped convolution (x [64, 128, 1250], w [128, 4, 16], groups 32,
 * stride 1, same padding 7/8) for the simd and scalar backends; FLOPs = 2·N·C_out·L_out·(C_in/g)·K.
 * A stopgap until the bench module's JMH benchmarks: best and median of timed runs after warm-up,
 * in wall-clock time and in process CPU time (GFLOP per core-second: the kernel's efficiency, which
 * holds up when other processes share the cores).
 *
 * <pre>
 * mvn -B -q -pl tensor -am test-compile
 * java --add-modules jdk.incubator.vector -cp tensor/target/classes:tensor/target/test-classes \
 *     org.jclef.tensor.simd.ConvThroughput [threads=2] [runs=10] [scalar=true]
 * </pre>
 */
public final class ConvThroughput {
    private static final int N = 64, C = 128, GROUPS = 32, K = 16, L = 1250;
    private static final Conv1dGeometry SAME = new Conv1dGeometry(1, 7, 8, GROUPS);

    private ConvThroughput() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        boolean scalar = args.length <= 2 || Boolean.parseBoolean(args[2]);
        SplittableRandom rng = new SplittableRandom(1);
        Tensor x = Reference.normal(rng, N, C, L), w = Reference.normal(rng, C, C / GROUPS, K);
        Tensor b = Reference.normal(rng, C), dy = Reference.normal(rng, N, C, L);
        Tensor y = Tensor.zeros(N, C, L), dx = Tensor.zeros(N, C, L);
        Tensor dw = Tensor.zeros(C, C / GROUPS, K), db = Tensor.zeros(C);
        double flops = 2.0 * N * C * L * (C / GROUPS) * K;
        System.out.printf(Locale.ROOT, "grouped conv1d x%s w%s groups %d, %.2f GFLOP per pass%n",
                Arrays.toString(x.shape()), Arrays.toString(w.shape()), GROUPS, flops / 1e9);

        SimdBackend simd = new SimdBackend(threads);
        System.out.println(simd);
        report("simd forward", flops, runs, () -> simd.conv1dForward(x, w, b, SAME, y));
        report("simd bwd-data", flops, runs, () -> simd.conv1dBackwardData(dy, w, SAME, dx));
        report("simd bwd-weight", flops, runs, () -> simd.conv1dBackwardWeight(dy, x, SAME, dw, db));
        if (scalar) {
            Backend reference = new ScalarBackend();
            report("scalar forward", flops, 3, () -> reference.conv1dForward(x, w, b, SAME, y));
        }
    }

    private static void report(String what, double flops, int runs, Runnable pass) {
        for (int i = 0; i < Math.max(1, runs / 2); i++) {
            pass.run();
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] seconds = new double[runs];
        long cpuStart = os.getProcessCpuTime();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            pass.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9 / runs;
        Arrays.sort(seconds);
        System.out.printf(Locale.ROOT, "%-16s wall: best %8.2f ms %6.1f GFLOP/s, median %8.2f ms %6.1f GFLOP/s;"
                        + "  cpu: mean %8.2f ms %6.1f GFLOP/core-s%n", what, seconds[0] * 1e3,
                flops / seconds[0] / 1e9, seconds[runs / 2] * 1e3, flops / seconds[runs / 2] / 1e9,
                cpuSeconds * 1e3, flops / cpuSeconds / 1e9);
    }
}
