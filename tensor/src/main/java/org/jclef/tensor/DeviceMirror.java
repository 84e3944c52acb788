package org.jclef.tensor;

/**
 * A copy of a {@link Storage} held by an accelerator (e.g. a block of an OpenCL buffer).
 *
 * <p>When a backend writes a storage on the device it marks the storage
 * {@linkplain Storage#markDeviceNewer() device-newer}; the next host access calls
 * {@link #download} once, so activations stay on the device between kernels and travel to the
 * host only when the host reads them. When the host may have written the array
 * ({@link Storage#floats()}), {@link #hostChanged()} tells the mirror that its copy is stale.
 */
public interface DeviceMirror {

    /** Copies the device contents into {@code host}, the storage's float32 array. */
    void download(float[] host);

    /** The host array may have been written, so the device copy is stale until uploaded again. */
    void hostChanged();
}
