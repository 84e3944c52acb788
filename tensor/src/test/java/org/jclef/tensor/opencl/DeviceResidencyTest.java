package org.jclef.tensor.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jclef.tensor.Backend;
import org.jclef.tensor.BackendKind;
import org.jclef.tensor.Backends;
import org.jclef.tensor.Conv1dGeometry;
import org.jclef.tensor.DType;
import org.jclef.tensor.ReduceOp;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.UnaryOp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The put/get discipline, tested directly: PoCL computes in host memory, so only these
 * assertions (not the numbers) show that results stay on the device until the host reads them,
 * that host writes reach the device, and that the arena survives garbage collection and growth.
 */
class DeviceResidencyTest {
    private static OpenClBackend cl;
    private static DeviceRuntime rt;

    @BeforeAll
    static void start() {
        cl = OpenClTestSupport.backend();
        rt = OpenClTestSupport.runtime();
    }

    private static float[] ramp(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.25f * i - 3;
        }
        return v;
    }

    @Test
    void outputStaysOnTheDeviceUntilTheHostReadsIt() {
        Tensor x = Tensor.of(ramp(50), 5, 10);
        Tensor y = Tensor.zeros(5, 10);
        float[] yHost = y.storage().floatsUnsynced();
        long downloads = rt.downloads();

        cl.unary(UnaryOp.EXP, x, y);

        assertTrue(y.storage().isDeviceNewer());
        assertArrayEquals(new float[50], yHost, "the host array changed before anyone read it");
        assertEquals(downloads, rt.downloads());
        float[] read = y.toFloatArray();
        assertEquals((float) Math.exp(-3), read[0], 1e-6);
        assertEquals(read[49], yHost[49], "the download fills the storage's own array");
        assertFalse(y.storage().isDeviceNewer());
        assertEquals(downloads + 1, rt.downloads());
    }

    @Test
    void inPlaceOperationLeavesTheHostArrayAloneUntilRead() {
        Tensor x = Tensor.of(ramp(8), 8);
        float[] host = x.storage().floatsUnsynced();
        cl.affine(x, 2, 1, x);
        assertEquals(-3f, host[0], "device write reached the host array without a download");
        assertEquals(-5.0, x.get(0));
        assertEquals(-5f, host[0]);
    }

    @Test
    void aChainOfOperationsMovesOnlyItsInputsAndTheFinalRead() {
        Random r = new Random(20);
        Tensor x = Tensor.uniform(DType.F32, r, -1, 1, 2, 3, 40);
        Tensor w = Tensor.uniform(DType.F32, r, -1, 1, 4, 3, 5);
        Tensor y = Tensor.zeros(2, 4, 36);
        Tensor s = Tensor.zeros(2, 4, 36);
        Tensor m = Tensor.zeros(2, 4, 1);
        long uploads = rt.uploads();
        long downloads = rt.downloads();

        cl.conv1dForward(x, w, null, Conv1dGeometry.valid(), y);
        cl.unary(UnaryOp.SWISH, y, s);
        cl.reduce(ReduceOp.MEAN, s, 2, m);

        assertEquals(uploads + 2, rt.uploads(), "only x and w should travel to the device");
        assertEquals(downloads, rt.downloads(), "no intermediate result should come back");
        assertTrue(y.storage().isDeviceNewer() && s.storage().isDeviceNewer() && m.storage().isDeviceNewer());
        m.toFloatArray();
        assertEquals(downloads + 1, rt.downloads());
        assertTrue(y.storage().isDeviceNewer(), "reading m must not fetch y");
    }

    @Test
    void freshZeroTensorsAreClearedOnTheDeviceNotUploaded() {
        Random r = new Random(21);
        Tensor dy = Tensor.uniform(DType.F32, r, -1, 1, 2, 4, 36);
        Tensor w = Tensor.uniform(DType.F32, r, -1, 1, 4, 3, 5);
        Tensor dx = Tensor.zeros(2, 3, 40);
        long uploads = rt.uploads();
        long clears = rt.clears();
        cl.conv1dBackwardData(dy, w, Conv1dGeometry.valid(), dx);
        assertEquals(uploads + 2, rt.uploads(), "dy and w travel, the zero gradient does not");
        assertEquals(clears + 1, rt.clears());
        Tensor want = Tensor.zeros(2, 3, 40);
        new org.jclef.tensor.ScalarBackend().conv1dBackwardData(dy, w, Conv1dGeometry.valid(), want);
        Differential.assertClose("conv1dBackwardData", "into a fresh zero tensor", want, dx);

        Tensor written = Tensor.zeros(3);
        written.set(5, 1);
        Tensor out = Tensor.zeros(3);
        cl.copy(written, out);
        assertEquals(5.0, out.get(1), "a zeros tensor written on the host must be uploaded, not cleared");
    }

    @Test
    void hostWritesThroughFloatsReachTheDevice() {
        Tensor x = Tensor.of(ramp(6), 6);
        Tensor y = Tensor.zeros(6);
        cl.copy(x, y);
        x.floats()[0] = 100f;
        long uploads = rt.uploads();
        cl.copy(x, y);
        assertEquals(uploads + 1, rt.uploads());
        assertEquals(100.0, y.get(0));
    }

    @Test
    void readingOnTheHostKeepsTheDeviceCopyValid() {
        Tensor x = Tensor.of(ramp(6), 6);
        Tensor y = Tensor.zeros(6);
        cl.affine(x, 1, 1, y);
        assertEquals(-2.0, y.get(0));
        long uploads = rt.uploads();
        Tensor z = Tensor.zeros(6);
        cl.affine(y, 1, 1, z);
        assertEquals(uploads, rt.uploads(), "a read-only host access forced a re-upload");
        assertEquals(-1.0, z.get(0));
    }

    @Test
    void writingAViewKeepsTheRestOfTheStorage() {
        Tensor t = Tensor.of(ramp(12), 4, 3);
        float[] before = t.toFloatArray();
        cl.fill(t.slice(1, 2), 9);
        float[] after = t.toFloatArray();
        for (int i = 0; i < 12; i++) {
            assertEquals(i >= 3 && i < 6 ? 9f : before[i], after[i], "element " + i);
        }
    }

    @Test
    void deviceDataSurvivesGarbageCollectionAndDeadBlocksAreReused() {
        Tensor keep = Tensor.zeros(1000);
        cl.fill(keep, 3);
        for (int i = 0; i < 200; i++) {
            Tensor garbage = Tensor.zeros(10_000);
            cl.fill(garbage, i);
        }
        long held = rt.arenaInUse();
        for (int attempt = 0; attempt < 20 && rt.arenaInUse() >= held; attempt++) {
            System.gc();
            Tensor probe = Tensor.zeros(1);
            cl.fill(probe, 0);
        }
        assertTrue(rt.arenaInUse() < held, "blocks of collected tensors were not freed");
        assertEquals(3.0, keep.get(999));
        assertTrue(rt.runningOnDevice());
    }

    @Test
    void growingTheArenaKeepsDeviceResidentData() {
        Tensor keep = Tensor.zeros(100);
        cl.fill(keep, 7);
        int capacity = rt.arenaCapacity();
        Tensor big = Tensor.zeros(capacity);
        cl.fill(big, 1);
        assertTrue(rt.arenaCapacity() > capacity, "a tensor as large as the arena should grow it");
        assertEquals(7.0, keep.get(42));
        assertEquals(1.0, big.get(capacity - 1));
    }

    @Test
    void aRebuiltArenaIsReportedNotSilentlyUsed() {
        Tensor t = Tensor.zeros(10);
        cl.fill(t, 5);
        synchronized (rt) {
            // What Aparapi does when the JVM moves the arena array: a new device buffer from the host copy.
            rt.kernel().mem = rt.kernel().mem.clone();
            IllegalStateException e = assertThrows(IllegalStateException.class, t::toFloatArray);
            assertTrue(e.getMessage().contains("canary"), e.getMessage());
            rt.launch("test recovery", ClefKernel.MARK_CANARY, 1, 1);
        }
    }

    @Test
    void backendsCreatesTheOpenClBackend() {
        Backend b = Backends.create(BackendKind.OPENCL);
        assertEquals("opencl", b.name());
        assertTrue(b instanceof OpenClBackend ocl && ocl.deviceDescription().contains("compute units"));
    }
}
