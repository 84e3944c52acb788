package org.jclef.nn.checkpoint;

/**
 * A storage named by a persistent id in {@code data.pkl}: the archive record
 * {@code <root>/data/<key>} holds {@code numel} elements of {@code dtype}, little-endian.
 *
 * @param key      the record name under {@code data/}
 * @param dtype    element type ({@link TorchDType#UINT8} for an untyped storage)
 * @param numel    number of elements
 * @param location the device it was saved from ("cpu", "cuda:0"); jclef always loads to the heap
 * @param untyped  true for a torch 2.x {@code torch.UntypedStorage}, whose {@code numel} counts bytes
 */
public record StorageRef(String key, TorchDType dtype, long numel, String location, boolean untyped) {
    public StorageRef {
        if (numel < 0) {
            throw new IllegalArgumentException("storage '" + key + "' declares " + numel + " elements");
        }
    }

    /** Size of the record in bytes; throws if it overflows a long. */
    public long byteSize() {
        return Math.multiplyExact(numel, (long) dtype.elementBytes());
    }

    /** This untyped storage read as elements of {@code as} (torch 2.x {@code _rebuild_tensor_v3}). */
    public StorageRef reinterpret(TorchDType as) {
        if (!untyped) {
            throw new IllegalArgumentException("storage '" + key + "' is a typed " + dtype
                    + " storage and cannot be read as " + as);
        }
        if (numel % as.elementBytes() != 0) {
            throw new IllegalArgumentException("untyped storage '" + key + "' holds " + numel
                    + " bytes, not a whole number of " + as + " elements");
        }
        return new StorageRef(key, as, numel / as.elementBytes(), location, false);
    }
}
