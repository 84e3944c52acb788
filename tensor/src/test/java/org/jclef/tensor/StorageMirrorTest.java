package org.jclef.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The host/device protocol of {@link Storage}, with a fake device that counts the calls. */
class StorageMirrorTest {

    /** A "device" holding its own copy of the data. */
    private static final class FakeDevice implements DeviceMirror {
        final float[] data;
        int downloads;
        int hostChanges;

        FakeDevice(float... data) {
            this.data = data;
        }

        @Override
        public void download(float[] host) {
            downloads++;
            System.arraycopy(data, 0, host, 0, data.length);
        }

        @Override
        public void hostChanged() {
            hostChanges++;
        }
    }

    @Test
    void deviceNewerContentsAreDownloadedOnceOnRead() {
        Tensor t = Tensor.zeros(3);
        FakeDevice device = new FakeDevice(1, 2, 3);
        t.storage().attachMirror(device);
        t.storage().markDeviceNewer();
        assertArrayEquals(new float[3], t.storage().floatsUnsynced());
        assertArrayEquals(new float[] {1, 2, 3}, t.toFloatArray());
        assertEquals(2.0, t.get(1));
        assertEquals(1, device.downloads);
        assertEquals(0, device.hostChanges, "reading must leave the device copy valid");
        assertFalse(t.storage().isDeviceNewer());
    }

    @Test
    void handingTheArrayToTheHostMarksTheDeviceCopyStale() {
        Tensor t = Tensor.zeros(3);
        FakeDevice device = new FakeDevice(4, 5, 6);
        t.storage().attachMirror(device);
        t.storage().markDeviceNewer();
        t.floats()[0] = 9;
        assertEquals(1, device.downloads);
        assertEquals(1, device.hostChanges);
        assertArrayEquals(new float[] {9, 5, 6}, t.toFloatArray());
        t.set(7, 2);
        t.fill(1);
        assertEquals(3, device.hostChanges);
        assertEquals(1, device.downloads);
    }

    @Test
    void mirrorsAreAttachedOnceAndRequiredForDeviceWrites() {
        Storage s = Tensor.zeros(2).storage();
        assertThrows(IllegalStateException.class, s::markDeviceNewer);
        FakeDevice device = new FakeDevice(0, 0);
        s.attachMirror(device);
        s.attachMirror(device);
        assertThrows(IllegalStateException.class, () -> s.attachMirror(new FakeDevice(0, 0)));
        s.markDeviceNewer();
        assertTrue(s.isDeviceNewer());
        s.markHostNewer();
        assertFalse(s.isDeviceNewer());
        assertEquals(1, device.hostChanges);
    }

    @Test
    void hostZerosHoldsOnlyUntilTheArrayIsHandedOutOrOverwritten() {
        assertTrue(Tensor.zeros(4).storage().hostZeros());
        assertFalse(Tensor.of(new float[4], 4).storage().hostZeros(), "a wrapped array may hold anything");
        Tensor written = Tensor.zeros(4);
        written.floats();
        assertFalse(written.storage().hostZeros());
        Tensor read = Tensor.zeros(4);
        read.toFloatArray();
        assertTrue(read.storage().hostZeros(), "reading leaves the zeros");
        Tensor downloaded = Tensor.zeros(3);
        downloaded.storage().attachMirror(new FakeDevice(1, 2, 3));
        downloaded.storage().markDeviceNewer();
        downloaded.toFloatArray();
        assertFalse(downloaded.storage().hostZeros(), "a download filled the host array");
    }
}
