package org.jclef.tensor;

/**
 * The flat host array behind one or more {@link Tensor} views, plus where its newest contents live.
 *
 * <p>Exactly one of the two arrays is non-null, according to {@link #dtype()}. Heap Java arrays are
 * deliberate: the Vector API loads from them directly.
 *
 * <p><b>Host and device copies.</b> A device backend may attach a {@link DeviceMirror}. The
 * protocol, which needs no cooperation from host code beyond going through this class:
 * <ul>
 *   <li>A backend that wrote the device copy calls {@link #markDeviceNewer()}; the host array is
 *       stale until the next {@link #floats()} or {@link #floatsForReading()}, which download once.</li>
 *   <li>{@link #floats()} hands the array to the host for writing, so it also tells the mirror
 *       that the device copy is stale ({@link DeviceMirror#hostChanged()}); the backend uploads
 *       before the next device use. {@link #floatsForReading()} does not.</li>
 *   <li>Backends read and write the host array without any of this through
 *       {@link #floatsUnsynced()}, and report host writes with {@link #markHostNewer()}.</li>
 * </ul>
 */
public final class Storage {
    private final DType dtype;
    private final float[] floats;
    private final double[] doubles;
    private DeviceMirror mirror;
    private boolean deviceNewer;
    private boolean hostZeros;

    private Storage(DType dtype, float[] floats, double[] doubles) {
        this.dtype = dtype;
        this.floats = floats;
        this.doubles = doubles;
    }

    static Storage allocate(DType dtype, int length) {
        Storage s = switch (dtype) {
            case F32 -> new Storage(DType.F32, new float[length], null);
            case F64 -> new Storage(DType.F64, null, new double[length]);
        };
        s.hostZeros = true;
        return s;
    }

    static Storage wrap(float[] data) {
        return new Storage(DType.F32, data, null);
    }

    static Storage wrap(double[] data) {
        return new Storage(DType.F64, null, data);
    }

    public DType dtype() {
        return dtype;
    }

    public int length() {
        return dtype == DType.F32 ? floats.length : doubles.length;
    }

    /**
     * The float32 host array, for reading and writing on the host. If a device holds newer
     * contents they are downloaded first; the device copy is then treated as stale, because the
     * caller may write, and a device backend uploads the array again before its next use there.
     * Do not keep the array across backend operations on this storage.
     */
    public float[] floats() {
        requireF32();
        syncToHost();
        hostZeros = false;
        if (mirror != null) {
            mirror.hostChanged();
        }
        return floats;
    }

    /**
     * The float32 host array for <b>reading only</b>, downloaded first if a device holds newer
     * contents. Unlike {@link #floats()} it leaves the device copy valid, so reading a result on
     * the host (a loss value, a test) costs no upload later. Writing through it is a bug: the
     * device would not see the write.
     */
    public float[] floatsForReading() {
        requireF32();
        syncToHost();
        return floats;
    }

    /** The float64 host array (F64 storages never live on a device). */
    public double[] doubles() {
        if (dtype != DType.F64) {
            throw new IllegalStateException("storage holds " + dtype + ", not F64");
        }
        hostZeros = false;
        return doubles;
    }

    /**
     * Whether the host array still holds the zeros it was allocated with (nothing has had write
     * access to it), so a device backend can clear its copy instead of uploading it: gradients
     * start as {@code Tensor.zeros} and are then accumulated on the device.
     */
    public boolean hostZeros() {
        return hostZeros;
    }

    /**
     * The float32 array without synchronising: for device backends that hand it to a device buffer
     * and must not trigger a download. A backend that writes through it calls
     * {@link #markHostNewer()}.
     */
    public float[] floatsUnsynced() {
        return floats;
    }

    /** The device copy attached to this storage, or null. */
    public DeviceMirror mirror() {
        return mirror;
    }

    /** Attaches the device copy that a device backend keeps for this storage (once). */
    public void attachMirror(DeviceMirror mirror) {
        if (this.mirror != null && this.mirror != mirror) {
            throw new IllegalStateException("storage already has a device mirror");
        }
        this.mirror = mirror;
    }

    /** Records that the device copy was written and the host array is stale. */
    public void markDeviceNewer() {
        if (mirror == null) {
            throw new IllegalStateException("no device mirror attached");
        }
        deviceNewer = true;
    }

    public boolean isDeviceNewer() {
        return deviceNewer;
    }

    /** Records that the host array was written through a path other than {@link #floats()}. */
    public void markHostNewer() {
        deviceNewer = false;
        hostZeros = false;
        if (mirror != null) {
            mirror.hostChanged();
        }
    }

    private void requireF32() {
        if (dtype != DType.F32) {
            throw new IllegalStateException("storage holds " + dtype + ", not F32");
        }
    }

    private void syncToHost() {
        if (deviceNewer) {
            mirror.download(floats);
            deviceNewer = false;
            hostZeros = false;
        }
    }
}
