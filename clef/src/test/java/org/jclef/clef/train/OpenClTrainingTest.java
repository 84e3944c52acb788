package org.jclef.clef.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.jclef.autograd.Variable;
import org.jclef.clef.cli.Main;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.model.Net1DConfig;
import org.jclef.nn.Parameter;
import org.jclef.tensor.Backend;
import org.jclef.tensor.BackendKind;
import org.jclef.tensor.Backends;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.opencl.OpenClBackend;
import org.jclef.tensor.simd.SimdBackend;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on the OpenCL backend: a CLEF-Small forward and backward pass agrees with the SIMD
 * backend, and {@code jclef pretrain --backend opencl} runs end to end. Skipped, with a message,
 * on machines without any OpenCL platform.
 */
class OpenClTrainingTest {
    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    private static Backend openCl() {
        try {
            return Backends.create(BackendKind.OPENCL);
        } catch (IllegalStateException e) {
            if (OpenClBackend.openClPresent()) {
                throw e;
            }
            String message = "OpenCL training tests SKIPPED: no OpenCL platform on this machine (" + e.getMessage() + ")";
            System.err.println("[jclef] " + message);
            Assumptions.abort(message);
            return null;
        }
    }

    /** The embedding and every parameter gradient of CLEF-Small on {@code x}, back-propagating {@code seed}. */
    private static Map<String, float[]> forwardBackward(Backend backend, Tensor x, Tensor seed) {
        Backend previous = Backends.current();
        Backends.use(backend, "OpenClTrainingTest");
        try {
            Net1D net = Net1D.create(Net1DConfig.SMALL, 11);
            Variable z = net.forward(Variable.constant(x.copy()));
            z.backward(seed.copy());
            Map<String, float[]> out = new LinkedHashMap<>();
            out.put("embedding", z.value().toFloatArray());
            for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
                Tensor g = e.getValue().grad();
                out.put(e.getKey(), g == null ? null : g.toFloatArray());
            }
            return out;
        } finally {
            Backends.use(previous, "restored after OpenClTrainingTest");
        }
    }

    @Test
    void smallForwardAndBackwardMatchTheSimdBackend() {
        Backend openCl = openCl();
        Tensor x = Tensor.normal(DType.F32, new SplittableRandom(1), 2, 1, 512);
        Tensor seed = Tensor.normal(DType.F32, new SplittableRandom(2), 2, 256);
        Map<String, float[]> simd = forwardBackward(new SimdBackend(2), x, seed);
        Map<String, float[]> device = forwardBackward(openCl, x, seed);
        assertEquals(simd.keySet(), device.keySet());
        double worst = 0;
        String worstName = "";
        int compared = 0;
        for (String name : simd.keySet()) {
            float[] a = simd.get(name), b = device.get(name);
            if (a == null) {
                assertNull(b, name + " has a gradient on OpenCL only");
                continue;
            }
            double scale = 1e-6, diff = 0;
            for (int i = 0; i < a.length; i++) {
                scale = Math.max(scale, Math.abs(a[i]));
                diff = Math.max(diff, Math.abs(a[i] - b[i]));
            }
            double relative = diff / scale;
            if (relative > worst) {
                worst = relative;
                worstName = name;
            }
            assertTrue(relative <= TOLERANCE, name + ": max |opencl - simd| = " + diff + " against max |simd| " + scale);
            compared++;
        }
        assertEquals(1 + 102, compared, "the embedding and the 102 weights in use");
        System.out.printf(Locale.ROOT, "[jclef] OpenCL vs SIMD, CLEF-Small 2 x 512: worst relative error %.2e (%s)%n",
                worst, worstName);
    }

    @Test
    void pretrainRunsEndToEndOnOpenCl() throws IOException {
        openCl();
        Path data = dir.resolve("data");
        TestRecords.writeFolder(data, 4, 300);
        Path model = Files.writeString(dir.resolve("tiny.json"), TestRecords.TINY.toJson());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"pretrain", "--model", model.toString(), "--data", data.toString(), "--batch",
                "2", "--window", "256", "--steps", "2", "--backend", "opencl", "--out", dir.resolve("out").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("backend opencl"));
        List<String> metrics = Files.readAllLines(dir.resolve("out").resolve("metrics.csv"));
        assertEquals(3, metrics.size());
        assertTrue(Double.isFinite(Double.parseDouble(metrics.get(2).split(",")[5])), metrics.get(2));
    }
}
