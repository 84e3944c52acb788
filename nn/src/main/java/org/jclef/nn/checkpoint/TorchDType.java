package org.jclef.nn.checkpoint;

import java.util.Optional;
import org.jclef.tensor.DType;

/**
 * The PyTorch element types jclef can import, with the legacy storage class that names each in a
 * pickle ({@code torch.FloatStorage}) and the jclef type it is loaded as.
 *
 * <p>Floating types of at most 32 bits load as {@link DType#F32} (float16 and bfloat16 widen
 * exactly); float64 loads as {@link DType#F64}. Integer and bool tensors load as {@link DType#F64}:
 * every int8 … int32 value is exact there, and int64 values are checked to lie within ±2^53
 * (BatchNorm's {@code num_batches_tracked} is the int64 tensor of real checkpoints). Complex,
 * quantised and the torch 2.3+ unsigned 16/32/64-bit types are refused.
 */
public enum TorchDType {
    FLOAT32("float32", "FloatStorage", 4, DType.F32),
    FLOAT64("float64", "DoubleStorage", 8, DType.F64),
    FLOAT16("float16", "HalfStorage", 2, DType.F32),
    BFLOAT16("bfloat16", "BFloat16Storage", 2, DType.F32),
    INT64("int64", "LongStorage", 8, DType.F64),
    INT32("int32", "IntStorage", 4, DType.F64),
    INT16("int16", "ShortStorage", 2, DType.F64),
    INT8("int8", "CharStorage", 1, DType.F64),
    UINT8("uint8", "ByteStorage", 1, DType.F64),
    BOOL("bool", "BoolStorage", 1, DType.F64);

    private final String torchName;
    private final String storageClass;
    private final int elementBytes;
    private final DType loadedAs;

    TorchDType(String torchName, String storageClass, int elementBytes, DType loadedAs) {
        this.torchName = torchName;
        this.storageClass = storageClass;
        this.elementBytes = elementBytes;
        this.loadedAs = loadedAs;
    }

    /** PyTorch's name without the module, e.g. {@code float32} for {@code torch.float32}. */
    public String torchName() {
        return torchName;
    }

    /** The legacy typed-storage class in module {@code torch}, e.g. {@code FloatStorage}. */
    public String storageClass() {
        return storageClass;
    }

    public int elementBytes() {
        return elementBytes;
    }

    /** The jclef type a tensor of this type is loaded as. */
    public DType loadedAs() {
        return loadedAs;
    }

    public boolean isFloatingPoint() {
        return this == FLOAT32 || this == FLOAT64 || this == FLOAT16 || this == BFLOAT16;
    }

    /** The type whose storage class is {@code name} ({@code FloatStorage} → FLOAT32). */
    public static Optional<TorchDType> byStorageClass(String name) {
        for (TorchDType t : values()) {
            if (t.storageClass.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The type named {@code name} in module {@code torch} ({@code float32} → FLOAT32). */
    public static Optional<TorchDType> byTorchName(String name) {
        for (TorchDType t : values()) {
            if (t.torchName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return torchName;
    }
}
