package org.jclef.clef.bench;

import org.jclef.tensor.Backend;
import org.jclef.tensor.BackendKind;
import org.jclef.tensor.Backends;
import org.jclef.tensor.opencl.OpenClBackend;
import org.jclef.tensor.simd.SimdBackend;

/** Backends for measurements: a thread count chosen per benchmark rather than per process. */
public final class BenchBackends {

    private BenchBackends() {
    }

    /**
     * A backend of {@code kind}; {@code threads} sizes the SIMD backend's pool. The scalar backend
     * runs on the calling thread, the OpenCL backend on its device, so neither takes a thread count.
     */
    public static Backend create(BackendKind kind, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("benchmark: thread count must be >= 1, got " + threads);
        }
        if (kind == BackendKind.SIMD && Backends.vectorApiPresent()) {
            return new SimdBackend(threads);
        }
        return Backends.create(kind);
    }

    /** Makes {@code backend} the process-wide one (layers and the optimiser call {@link Backends#current()}). */
    public static Backend install(BackendKind kind, int threads) {
        Backend backend = create(kind, threads);
        Backends.use(backend, "benchmark");
        return backend;
    }

    /** What runs the kernels: "simd (512-bit vectors, 16 float lanes, 2 threads)", "scalar (1 thread)", ... */
    public static String describe(Backend backend) {
        return switch (backend) {
            case SimdBackend simd -> "simd (" + simd.configuration() + ")";
            case OpenClBackend cl -> "opencl (" + cl.deviceDescription() + ")";
            default -> backend.name() + " (1 thread)";
        };
    }
}
