package org.jclef.tensor.opencl;

import org.junit.jupiter.api.Assumptions;

/**
 * Gives OpenCL tests the backend, or skips them with a visible message when the machine has no
 * OpenCL platform at all. A platform that exists but cannot run the kernels fails the test: that
 * is a bug, not a missing feature.
 */
final class OpenClTestSupport {
    private static OpenClBackend backend;

    private OpenClTestSupport() {
    }

    static synchronized OpenClBackend backend() {
        if (!OpenClBackend.openClPresent()) {
            String message = "OpenCL tests SKIPPED: no OpenCL platform on this machine "
                    + "(install pocl-opencl-icd and ocl-icd-libopencl1, as .ci/run does)";
            System.err.println("[jclef] " + message);
            Assumptions.abort(message);
        }
        if (backend == null) {
            backend = new OpenClBackend();
        }
        return backend;
    }

    static DeviceRuntime runtime() {
        backend();
        return DeviceRuntime.instance();
    }
}
