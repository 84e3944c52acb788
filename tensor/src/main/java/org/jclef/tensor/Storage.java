package org.jclef.tensor;

/**
 * The flat host array behind one or more {@link Tensor} views, plus where its newest contents live.
 *
 * <p>Exactly one of the two arrays is non-null, according to {@link #dtype()}. Heap Java arrays are
 * deliberate: the Vector API loads from them directly and Aparapi maps them to OpenCL buffers.
 */
public final class Storage {
    private final DType dtype;
    private final float[] floats;
    private final double[] doubles;
    private DeviceMirror mirror;
    private boolean deviceNewer;

    private Storage(DType dtype, float[] floats, double[] doubles) {
        this.dtype = dtype;
        this.floats = floats;
        this.doubles = doubles;
    }

    static Storage allocate(DType dtype, int length) {
        return switch (dtype) {
            case F32 -> new Storage(DType.F32, new float[length], null);
            case F64 -> new Storage(DType.F64, null, new double[length]);
        };
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

    /** The float32 host array, brought up to date first if a device holds newer contents. */
    public float[] floats() {
        if (dtype != DType.F32) {
            throw new IllegalStateException("storage holds " + dtype + ", not F32");
        }
        syncToHost();
        return floats;
    }

    /** The float64 host array (F64 storages never live on a device). */
    public double[] doubles() {
        if (dtype != DType.F64) {
            throw new IllegalStateException("storage holds " + dtype + ", not F64");
        }
        return doubles;
    }

    /**
     * The float32 array without synchronising: for device backends that hand it to a device buffer
     * and must not trigger a download.
     */
    public float[] floatsUnsynced() {
        return floats;
    }

    /** The device copy attached to this storage, or null. */
    public DeviceMirror mirror() {
        return mirror;
    }

    public void attachMirror(DeviceMirror mirror) {
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
        if (mirror != null) {
            mirror.hostChanged();
        }
    }

    private void syncToHost() {
        if (deviceNewer) {
            deviceNewer = false;
            mirror.download();
        }
    }
}
