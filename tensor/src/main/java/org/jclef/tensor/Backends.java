package org.jclef.tensor;

import java.lang.System.Logger.Level;
import org.jclef.tensor.opencl.OpenClBackend;
import org.jclef.tensor.simd.SimdBackend;

/**
 * Chooses the process-wide {@link Backend} once, logs the choice and the reason, and exposes it.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code jclef.backend} = {@code scalar | simd | opencl}: force one. Without it, {@code simd}
 *       when the {@code jdk.incubator.vector} module is present, else {@code scalar} (logged with
 *       the flag that enables SIMD).</li>
 *   <li>{@code jclef.threads} = thread count of the SIMD backend's pool (default: available
 *       processors). Results do not depend on it.</li>
 * </ul>
 * A backend that is asked for explicitly and cannot run is an error, never a silent fallback.
 */
public final class Backends {
    public static final String BACKEND_PROPERTY = "jclef.backend";
    public static final String THREADS_PROPERTY = "jclef.threads";
    private static final String VECTOR_API_HINT = "pass --add-modules jdk.incubator.vector";

    private static final System.Logger LOG = System.getLogger("org.jclef.tensor");
    private static volatile Backend current;
    private static volatile String reason;

    private Backends() {
    }

    /** The process-wide backend, chosen on first use. */
    public static Backend current() {
        Backend b = current;
        if (b == null) {
            synchronized (Backends.class) {
                if (current == null) {
                    choose();
                }
                b = current;
            }
        }
        return b;
    }

    /** Why {@link #current()} is what it is, as logged. */
    public static String reason() {
        current();
        return reason;
    }

    /**
     * Replaces the process-wide backend (the CLI's {@code --backend}, tests). Logs the change.
     */
    public static synchronized void use(Backend backend, String why) {
        current = backend;
        reason = why;
        LOG.log(Level.INFO, "jclef backend: " + backend.name() + " (" + why + ")");
    }

    /**
     * Creates a backend of the given kind, or throws explaining why it cannot run here. For
     * {@code opencl} that starts the device (compiling the kernels, logging the device's name,
     * type and compute units) and fails if no OpenCL device runs them.
     */
    public static Backend create(BackendKind kind) {
        return switch (kind) {
            case SCALAR -> new ScalarBackend();
            case SIMD -> {
                if (!vectorApiPresent()) {
                    throw new IllegalStateException("backend 'simd' needs the Vector API: " + VECTOR_API_HINT);
                }
                yield new SimdBackend(threadsFromProperty());
            }
            case OPENCL -> new OpenClBackend();
        };
    }

    /** The thread count from {@code jclef.threads}, or the number of available processors. */
    public static int threadsFromProperty() {
        String value = System.getProperty(THREADS_PROPERTY);
        if (value == null || value.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the expected form
        }
        throw new IllegalArgumentException("-D" + THREADS_PROPERTY + "=" + value
                + ": expected a positive integer");
    }

    /** Whether the Vector API incubator module is resolved in this JVM. */
    public static boolean vectorApiPresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static void choose() {
        String forced = System.getProperty(BACKEND_PROPERTY);
        if (forced != null && !forced.isBlank()) {
            BackendKind kind = BackendKind.parse(forced, "-D" + BACKEND_PROPERTY);
            use(create(kind), "forced by -D" + BACKEND_PROPERTY + "=" + forced.trim());
            return;
        }
        if (vectorApiPresent()) {
            SimdBackend simd = new SimdBackend(threadsFromProperty());
            use(simd, "default: the Vector API is present; " + simd.configuration());
        } else {
            use(create(BackendKind.SCALAR), "default: jdk.incubator.vector is not present ("
                    + VECTOR_API_HINT + " for the simd backend)");
        }
    }
}
