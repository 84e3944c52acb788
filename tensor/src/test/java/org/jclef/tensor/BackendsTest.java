package org.jclef.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.jclef.tensor.simd.SimdBackend;
import org.junit.jupiter.api.Test;

/** The process-wide backend choice. */
class BackendsTest {

    @Test
    void theDefaultBackendIsSimdWhenTheVectorApiIsPresent() {
        assumeTrue(System.getProperty(Backends.BACKEND_PROPERTY) == null,
                "the backend is forced by -D" + Backends.BACKEND_PROPERTY);
        assertTrue(Backends.vectorApiPresent(), "surefire runs with --add-modules jdk.incubator.vector");
        assertEquals("simd", Backends.current().name());
        assertTrue(Backends.reason().startsWith("default"), Backends.reason());
    }

    @Test
    void createBuildsEachAvailableKind() {
        assertEquals("scalar", Backends.create(BackendKind.SCALAR).name());
        assertInstanceOf(SimdBackend.class, Backends.create(BackendKind.SIMD));
    }

    @Test
    void simdUsesTheThreadCountProperty() {
        String before = System.getProperty(Backends.THREADS_PROPERTY);
        try {
            System.setProperty(Backends.THREADS_PROPERTY, "3");
            assertEquals(3, ((SimdBackend) Backends.create(BackendKind.SIMD)).threads());
        } finally {
            if (before == null) {
                System.clearProperty(Backends.THREADS_PROPERTY);
            } else {
                System.setProperty(Backends.THREADS_PROPERTY, before);
            }
        }
    }
}
