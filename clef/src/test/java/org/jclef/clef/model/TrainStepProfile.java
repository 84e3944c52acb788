package org.jclef.clef.model;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.jclef.autograd.Variable;
import org.jclef.clef.loss.BatchMetadata;
import org.jclef.clef.loss.ClefLoss;
import org.jclef.clef.loss.ClefLossConfig;
import org.jclef.nn.optim.Adam;
import org.jclef.tensor.Backends;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.simd.SimdBackend;

/**
 * Wall-clock phases of a Net1D train step (forward, CLEF loss, backward, AdamW) or of single-lead
 * embedding, on the SIMD backend: a quick instrument for profiling (pair it with Java Flight
 * Recorder), not a benchmark. Prints every timed repetition, then the median.
 *
 * <pre>
 * mvn -B -q -pl clef -am test-compile
 * java --add-modules jdk.incubator.vector -cp $(cat /tmp/cp.txt) org.jclef.clef.model.TrainStepProfile \
 *     train small 128 2 5      # mode scale batch threads repetitions
 * java ... TrainStepProfile embed small 1 1 50
 * </pre>
 */
public final class TrainStepProfile {
    private static final int SAMPLES = 5000;

    private TrainStepProfile() {
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "train";
        Net1DConfig config = Net1DConfig.byName(args.length > 1 ? args[1] : "small");
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int reps = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        SimdBackend backend = new SimdBackend(threads);
        Backends.use(backend, "TrainStepProfile");
        Net1D net = Net1D.create(config, 7);
        SplittableRandom rng = new SplittableRandom(3);
        float[] data = new float[batch * SAMPLES];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rng.nextGaussian();
        }
        System.out.printf(Locale.ROOT, "%s %s batch %d × %d samples, %s%n", mode, config.name(), batch, SAMPLES, backend);
        if (mode.equals("embed")) {
            embed(net, data, batch, reps);
        } else {
            train(net, data, batch, reps);
        }
    }

    private static void embed(Net1D net, float[] data, int batch, int reps) {
        Tensor x = Tensor.of(data, batch, 1, SAMPLES);
        double[] ms = new double[reps];
        for (int warm = 0; warm < Math.max(3, reps / 2); warm++) {
            net.embed(x);
        }
        double[] cpu = new double[reps];
        for (int r = 0; r < reps; r++) {
            long c0 = ConvShapesProfile.cpuNanos();
            long t0 = System.nanoTime();
            net.embed(x);
            ms[r] = (System.nanoTime() - t0) / 1e6;
            cpu[r] = (ConvShapesProfile.cpuNanos() - c0) / 1e6;
        }
        System.out.printf(Locale.ROOT, "embed: wall %s; cpu (all threads) %s%n", summary(ms), summary(cpu));
    }

    private static void train(Net1D net, float[] data, int batch, int reps) {
        Tensor x = Tensor.of(data, batch, 1, SAMPLES);
        double[] risks = new double[batch / 2];
        for (int i = 0; i < risks.length; i++) {
            risks[i] = 0.01 + 0.2 * i / risks.length;
        }
        BatchMetadata meta = BatchMetadata.ofRisks(risks);
        ClefLoss loss = new ClefLoss(ClefLossConfig.defaults());
        Adam opt = Adam.adamW(net.namedParameters(), Adam.Hyper.of(1e-4, 5e-4));
        double[][] phases = new double[4][reps];
        double[] cpu = new double[reps];
        int warmups = Math.max(2, reps / 2);
        for (int r = -warmups; r < reps; r++) {
            long c0 = ConvShapesProfile.cpuNanos();
            long a0 = allocatedBytes(), g0 = gcMillis();
            long t0 = System.nanoTime();
            Variable z = net.forward(Variable.constant(x));
            long t1 = System.nanoTime();
            Variable l = loss.compute(z, meta).loss();
            long t2 = System.nanoTime();
            l.backward();
            long t3 = System.nanoTime();
            opt.step();
            opt.zeroGrad();
            long t4 = System.nanoTime();
            double cpuMs = (ConvShapesProfile.cpuNanos() - c0) / 1e6;
            double allocatedMb = (allocatedBytes() - a0) / 1e6;
            long gcMs = gcMillis() - g0;
            if (r >= 0) {
                cpu[r] = cpuMs;
                phases[0][r] = (t1 - t0) / 1e6;
                phases[1][r] = (t2 - t1) / 1e6;
                phases[2][r] = (t3 - t2) / 1e6;
                phases[3][r] = (t4 - t3) / 1e6;
            }
            System.out.printf(Locale.ROOT, "step %d: forward %.1f loss %.1f backward %.1f adamw %.1f total %.1f ms,"
                            + " cpu %.1f ms, allocated %.0f MB, gc %d ms (loss %.5f)%n", r, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6,
                    (t4 - t3) / 1e6, (t4 - t0) / 1e6, cpuMs, allocatedMb, gcMs, l.item());
        }
        double[] total = new double[reps];
        for (int r = 0; r < reps; r++) {
            total[r] = phases[0][r] + phases[1][r] + phases[2][r] + phases[3][r];
        }
        System.out.printf(Locale.ROOT, "median ms: forward %s | loss %s | backward %s | adamw %s | total %s | cpu %s"
                + " (all threads)%n", median(phases[0]), median(phases[1]), median(phases[2]), median(phases[3]),
                median(total), median(cpu));
    }

    /** Bytes allocated so far by all live threads. */
    static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            sum += Math.max(0, threads.getThreadAllocatedBytes(id));
        }
        return sum;
    }

    /** Milliseconds the collectors have spent so far (pauses and concurrent work as they report it). */
    static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    private static String summary(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "best %.2f ms, median %.2f ms", s[0], s[s.length / 2]);
    }

    private static String median(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%.1f", s[s.length / 2]);
    }
}
