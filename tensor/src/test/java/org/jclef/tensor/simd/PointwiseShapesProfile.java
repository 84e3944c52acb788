package org.jclef.tensor.simd;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.jclef.tensor.Backend;
import org.jclef.tensor.Conv1dGeometry;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * Times the pointwise convolutions of CLEF-Small's late stages at batch 128 (rows shorter than four
 * register tiles), forward or backward-data, as median CPU milliseconds of blocks of ten calls after
 * a warm-up long enough for C2. A quick instrument while optimising, not a benchmark; PyTorch's
 * {@code F.conv1d} on the same shapes gives the comparison.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp tensor/target/classes:tensor/target/test-classes \
 *     org.jclef.tensor.simd.PointwiseShapesProfile [threads] [blocks] [forward|backward-data]
 * </pre>
 */
public final class PointwiseShapesProfile {
    /** x [n, c_in, l] → c_out output channels. */
    private static final int[][] SHAPES = {
        {128, 128, 40, 256}, {128, 128, 79, 128}, {128, 256, 40, 128}, {128, 128, 157, 64}, {128, 64, 79, 128},
        {128, 128, 79, 64},
    };

    private PointwiseShapesProfile() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        boolean backward = args.length > 2 && args[2].equals("backward-data");
        Backend be = new SimdBackend(threads);
        SplittableRandom rng = new SplittableRandom(5);
        Conv1dGeometry g = Conv1dGeometry.valid();
        for (int[] s : SHAPES) {
            Tensor x = Tensor.normal(DType.F32, rng, s[0], s[1], s[2]);
            Tensor w = Tensor.normal(DType.F32, rng, s[3], s[1], 1);
            Tensor b = Tensor.normal(DType.F32, rng, s[3]);
            Tensor y = Tensor.normal(DType.F32, rng, s[0], s[3], s[2]);
            Runnable call = backward ? () -> be.conv1dBackwardData(y, w, g, x) : () -> be.conv1dForward(x, w, b, g, y);
            for (int i = 0; i < 200; i++) {
                call.run();
            }
            double[] ms = new double[blocks];
            for (int r = 0; r < blocks; r++) {
                long t0 = cpuNanos();
                for (int i = 0; i < 10; i++) {
                    call.run();
                }
                ms[r] = (cpuNanos() - t0) / 1e7;
            }
            Arrays.sort(ms);
            double median = ms[blocks / 2];
            System.out.printf(Locale.ROOT, "x[%d,%d,%d] -> %d  %s  cpu-ms %.3f  (%.1f GFLOP per core-second)%n", s[0],
                    s[1], s[2], s[3], backward ? "backward-data" : "forward", median,
                    2.0 * s[0] * s[1] * s[2] * s[3] / median / 1e6);
        }
    }

    /** CPU time of all live threads. */
    private static long cpuNanos() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : bean.getAllThreadIds()) {
            sum += Math.max(0, bean.getThreadCpuTime(id));
        }
        return sum;
    }
}
