package org.jclef.nn;

import java.util.Arrays;
import org.jclef.tensor.Backends;
import org.jclef.tensor.Tensor;

/**
 * Non-trainable state of a {@link Module} that belongs in its state dict (BatchNorm's running
 * statistics and batch counter). Buffers are small, so they are allocated at once.
 */
public final class Buffer {
    private final Tensor value;

    public Buffer(Tensor value) {
        if (value == null) {
            throw new IllegalArgumentException("Buffer: value is null");
        }
        this.value = value;
    }

    /** The value; modules update it in place. */
    public Tensor value() {
        return value;
    }

    /** Overwrites the value with {@code source}'s elements, converted to this buffer's dtype. */
    public void assign(Tensor source) {
        if (!source.sameShape(value)) {
            throw new IllegalArgumentException("Buffer: cannot assign a tensor of shape "
                    + Arrays.toString(source.shape()) + " to a buffer of shape " + Arrays.toString(value.shape()));
        }
        Backends.current().copy(source.dtype() == value.dtype() ? source : source.to(value.dtype()), value);
    }

    @Override
    public String toString() {
        return "Buffer" + Arrays.toString(value.shape()) + " " + value.dtype();
    }
}
