package org.jclef.tensor.opencl;

import java.util.Locale;
import java.util.Random;
import org.jclef.tensor.Conv1dGeometry;
import org.jclef.tensor.DType;
import org.jclef.tensor.ScalarBackend;
import org.jclef.tensor.Tensor;

/**
 * Workbench for the OpenCL convolution and GEMM kernels on the convolutions of Net1D-Small
 * (stem, a grouped k16 conv, a pointwise conv, a deeper grouped conv): milliseconds per call on
 * the device next to the scalar reference, and the largest difference between the two.
 * Launches are synchronous in Aparapi, so wall time per call is device time plus launch overhead.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp jclef.jar org.jclef.tensor.opencl.OpenClBench [batch] [reps]
 * java ... org.jclef.tensor.opencl.OpenClBench devices    (lists the OpenCL devices and starts the chosen one)</pre>
 */
public final class OpenClBench {

    /** One convolution: x [batch, cin, lin], w [cout, cin/groups, k]. */
    private record Case(String name, int cin, int lin, int cout, int k, Conv1dGeometry g) {
    }

    private static final Case[] CASES = {
        new Case("stem 1→32 k16 s2, L 5000", 1, 5000, 32, 16, new Conv1dGeometry(2, 7, 7, 1)),
        new Case("stage0 conv2 16→16 k16 s2 g4, L 2500", 16, 2500, 16, 16, new Conv1dGeometry(2, 7, 7, 4)),
        new Case("pointwise 32→16, L 1250", 32, 1250, 16, 1, Conv1dGeometry.valid()),
        new Case("stage3 conv2 64→64 k16 s2 g16, L 313", 64, 313, 64, 16, new Conv1dGeometry(2, 7, 8, 16)),
    };

    private OpenClBench() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("devices")) {
            for (var d : DeviceRuntime.listDevices()) {
                System.out.println("found: " + d.getName().trim() + " (" + d.getType() + ", "
                        + d.getMaxComputeUnits() + " compute units)");
            }
            System.out.println("jclef uses: " + new OpenClBackend().deviceDescription());
            return;
        }
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        OpenClBackend cl = new OpenClBackend();
        ScalarBackend ref = new ScalarBackend();
        System.out.println("device: " + cl.deviceDescription());
        System.out.printf(Locale.ROOT, "batch %d, %d repetitions; ms per call (opencl | scalar), max |opencl - scalar|%n",
                batch, reps);
        Random r = new Random(1);
        for (Case c : CASES) {
            Tensor x = Tensor.uniform(DType.F32, r, -1, 1, batch, c.cin, c.lin);
            Tensor w = Tensor.uniform(DType.F32, r, -0.3, 0.3, c.cout, c.cin / c.g.groups(), c.k);
            Tensor bias = Tensor.uniform(DType.F32, r, -0.1, 0.1, c.cout);
            int lout = c.g.outputLength(c.lin, c.k);
            Tensor dy = Tensor.uniform(DType.F32, r, -1, 1, batch, c.cout, lout);
            double macs = (double) batch * c.cout * lout * (c.cin / c.g.groups()) * c.k;

            Tensor yCl = Tensor.zeros(batch, c.cout, lout);
            Tensor dxCl = Tensor.zeros(batch, c.cin, c.lin);
            Tensor dwCl = Tensor.zeros(w.shape());
            Tensor dbCl = Tensor.zeros(c.cout);
            double fwd = time(reps, () -> cl.conv1dForward(x, w, bias, c.g, yCl));
            double bwdData = time(reps, () -> cl.conv1dBackwardData(dy, w, c.g, dxCl));
            double bwdWeight = time(reps, () -> cl.conv1dBackwardWeight(dy, x, c.g, dwCl, dbCl));

            Tensor yRef = Tensor.zeros(batch, c.cout, lout);
            Tensor dxRef = Tensor.zeros(batch, c.cin, c.lin);
            Tensor dwRef = Tensor.zeros(w.shape());
            Tensor dbRef = Tensor.zeros(c.cout);
            double fwdRef = time(0, () -> ref.conv1dForward(x, w, bias, c.g, yRef));
            double bwdDataRef = time(0, () -> ref.conv1dBackwardData(dy, w, c.g, dxRef));
            double bwdWeightRef = time(0, () -> ref.conv1dBackwardWeight(dy, x, c.g, dwRef, dbRef));

            // Backward results accumulate: compare one fresh call of each against the reference.
            Tensor dx = Tensor.zeros(batch, c.cin, c.lin);
            Tensor dw = Tensor.zeros(w.shape());
            cl.conv1dBackwardData(dy, w, c.g, dx);
            cl.conv1dBackwardWeight(dy, x, c.g, dw, null);
            double diff = Math.max(maxDiff(yCl, yRef), Math.max(maxDiff(dx, dxRef), maxDiff(dw, dwRef)));
            System.out.printf(Locale.ROOT, "%-40s fwd %8.2f | %8.1f  bwd-data %8.2f | %8.1f  bwd-weight %8.2f | %8.1f"
                    + "  (%.2f GMAC/s fwd)  max diff %.1e%n", c.name, fwd, fwdRef, bwdData, bwdDataRef, bwdWeight,
                    bwdWeightRef, macs / fwd / 1e6, diff);
        }
        int m = 256, k = 256, n = 1250;
        Tensor a = Tensor.uniform(DType.F32, r, -1, 1, m, k);
        Tensor b = Tensor.uniform(DType.F32, r, -1, 1, batch, k, n);
        Tensor c = Tensor.zeros(batch, m, n);
        double gemm = time(reps, () -> cl.matmul(a, false, b, false, c, false));
        System.out.printf(Locale.ROOT, "%-40s %8.2f ms  (%.2f GFLOP/s)%n", "matmul [256,256]·[" + batch + ",256,1250]",
                gemm, 2.0 * m * k * n * batch / gemm / 1e6);
        System.out.println("ran as OpenCL: " + DeviceRuntime.instance().runningOnDevice());
    }

    /**
     * Milliseconds per call: the mean of {@code reps} calls after one warm-up call, or the single
     * call's time when {@code reps} is 0 (for the slow reference).
     */
    private static double time(int reps, Runnable call) {
        if (reps > 0) {
            call.run();
        }
        int calls = Math.max(reps, 1);
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        return (System.nanoTime() - start) / 1e6 / calls;
    }

    private static double maxDiff(Tensor got, Tensor want) {
        float[] g = got.toFloatArray();
        float[] w = want.toFloatArray();
        double worst = 0;
        for (int i = 0; i < g.length; i++) {
            worst = Math.max(worst, Math.abs(g[i] - w[i]));
        }
        return worst;
    }
}
