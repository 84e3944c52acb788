package org.jclef.tensor;

/**
 * A copy of a {@link Storage} held by an accelerator (e.g. an OpenCL buffer).
 *
 * <p>When a backend writes a storage on the device it marks the storage
 * {@linkplain Storage#markDeviceNewer() device-newer}; the next host access calls
 * {@link #download()} once, so activations stay on the device between kernels and travel to the
 * host only when the host reads them.
 */
public interface DeviceMirror {

    /** Copies the device contents into the storage's host array. */
    void download();

    /** Called when the host array was written, so the device copy is stale. */
    void hostChanged();
}
