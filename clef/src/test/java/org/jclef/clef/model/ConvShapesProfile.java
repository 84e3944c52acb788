package org.jclef.clef.model;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.jclef.nn.layers.Conv1dSame;
import org.jclef.tensor.Backend;
import org.jclef.tensor.Conv1dGeometry;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.simd.SimdBackend;

/**
 * Times every convolution of a Net1D scale at a batch size, per pass (forward, backward-data,
 * backward-weight), in CPU milliseconds and GFLOP per core-second: which shapes a train step spends
 * its convolution time on. A quick instrument while optimising, not a benchmark.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... org.jclef.clef.model.ConvShapesProfile small 128 2 5 [name regex]
 * </pre>
 */
public final class ConvShapesProfile {
    private static final int SAMPLES = 5000;

    private ConvShapesProfile() {
    }

    /** One convolution of the network: input [n, cin, lin], weight [cout, cin/groups, k]. */
    record Shape(String name, int n, int cin, int lin, int cout, int k, int stride, int groups) {
        Conv1dGeometry geometry() {
            Conv1dSame.Padding p = Conv1dSame.padding(lin, k, stride);
            return new Conv1dGeometry(stride, p.left(), p.right(), groups);
        }

        int lout() {
            return Math.ceilDiv(lin, stride);
        }

        double flops() {
            return 2.0 * n * cout * lout() * (cin / groups) * k;
        }
    }

    static List<Shape> shapes(Net1DConfig c, int n) {
        List<Shape> out = new ArrayList<>();
        int len = SAMPLES;
        out.add(new Shape("stem", n, c.inChannels(), len, c.baseFilters(), c.kernelSize(), c.stride(), 1));
        len = Math.ceilDiv(len, c.stride());
        for (Net1DConfig.Stage s : c.stages()) {
            for (int b = 0; b < s.blocks(); b++) {
                int in = b == 0 ? s.inChannels() : s.outChannels();
                int stride = b == 0 ? c.stride() : 1;
                String tag = "s" + s.index() + "b" + b;
                out.add(new Shape(tag + ".conv1", n, in, len, s.middleChannels(), 1, 1, 1));
                out.add(new Shape(tag + ".conv2", n, s.middleChannels(), len, s.middleChannels(), c.kernelSize(), stride,
                        s.groups()));
                len = Math.ceilDiv(len, stride);
                out.add(new Shape(tag + ".conv3", n, s.middleChannels(), len, s.outChannels(), 1, 1, 1));
            }
        }
        return out;
    }

    public static void main(String[] args) {
        Net1DConfig config = Net1DConfig.byName(args.length > 0 ? args[0] : "small");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Backend be = new SimdBackend(threads);
        SplittableRandom rng = new SplittableRandom(5);
        double[] total = new double[3];
        double totalFlops = 0;
        System.out.printf(Locale.ROOT, "%-10s %-22s %-16s %28s %28s %28s%n", "conv", "x", "w / stride / g",
                "forward cpu-ms (GF/core-s)", "bwd-data cpu-ms (GF/core-s)", "bwd-weight cpu-ms (GF/core-s)");
        String only = args.length > 4 ? args[4] : ".*";
        List<Shape> shapes = shapes(config, n).stream().filter(s -> s.name().matches(only)).toList();
        for (int warm = 0; warm < 2; warm++) {
            for (Shape s : shapes) {
                run(be, s, rng, 2);
            }
        }
        for (Shape s : shapes) {
            double[] ms = run(be, s, rng, reps);
            double f = s.flops();
            totalFlops += f;
            for (int i = 0; i < 3; i++) {
                total[i] += ms[i];
            }
            System.out.printf(Locale.ROOT, "%-10s %-22s %-16s %28s %28s %28s%n", s.name(),
                    "[" + s.n() + "," + s.cin() + "," + s.lin() + "]", s.cout() + "x" + s.k() + " /" + s.stride() + " g"
                            + s.groups(), cell(ms[0], f), cell(ms[1], f), cell(ms[2], f));
        }
        System.out.printf(Locale.ROOT, "%-50s %28s %28s %28s%n", "total (" + String.format(Locale.ROOT, "%.2f GFLOP per pass)",
                totalFlops / 1e9), cell(total[0], totalFlops), cell(total[1], totalFlops), cell(total[2], totalFlops));
    }

    /** Median milliseconds of forward, backward-data and backward-weight of one shape. */
    private static double[] run(Backend be, Shape s, SplittableRandom rng, int reps) {
        Conv1dGeometry g = s.geometry();
        Tensor x = Tensor.normal(DType.F32, rng, s.n(), s.cin(), s.lin());
        Tensor w = Tensor.normal(DType.F32, rng, s.cout(), s.cin() / s.groups(), s.k());
        Tensor b = Tensor.normal(DType.F32, rng, s.cout());
        Tensor y = Tensor.zeros(s.n(), s.cout(), s.lout());
        Tensor dx = Tensor.zeros(s.n(), s.cin(), s.lin());
        Tensor dw = Tensor.zeros(s.cout(), s.cin() / s.groups(), s.k()), db = Tensor.zeros(s.cout());
        return new double[] {
            time(reps, () -> be.conv1dForward(x, w, b, g, y)),
            time(reps, () -> be.conv1dBackwardData(y, w, g, dx)),
            time(reps, () -> be.conv1dBackwardWeight(y, x, g, dw, db)),
        };
    }

    private static String cell(double ms, double flops) {
        return String.format(Locale.ROOT, "%9.2f (%6.1f)", ms, flops / ms / 1e6);
    }

    /**
     * Mean process CPU milliseconds per run (all threads together) of {@code reps} runs after a
     * warm-up run: with other processes on the machine, CPU time measures the kernel, wall time the
     * machine's load. GFLOP/s from it are GFLOP per core-second.
     */
    private static double time(int reps, Runnable r) {
        r.run();
        long t0 = cpuNanos();
        for (int i = 0; i < reps; i++) {
            r.run();
        }
        return (cpuNanos() - t0) / 1e6 / reps;
    }

    /** CPU time of all live threads (nanosecond resolution, unlike the process CPU time). */
    static long cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            sum += Math.max(0, threads.getThreadCpuTime(id));
        }
        return sum;
    }
}
