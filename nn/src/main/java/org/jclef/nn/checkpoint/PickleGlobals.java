package org.jclef.nn.checkpoint;

import java.util.Optional;

/**
 * The allow-list of Python globals a checkpoint pickle may name. A GLOBAL or STACK_GLOBAL opcode is
 * resolved here when it is read, before anything could call it: a name not listed is refused with
 * an {@link IllegalArgumentException} naming {@code module.name}, and nothing is ever executed.
 * What a listed global does when called (REDUCE, NEWOBJ) is implemented by {@link PickleCalls} in
 * plain Java.
 *
 * <p>The list is the subset of {@code torch.load(weights_only=True)}'s own allow-list that dense
 * CPU-loadable checkpoints use: {@code collections.OrderedDict}, the tensor rebuild functions
 * ({@code torch._utils._rebuild_tensor}, {@code _v2}, {@code _v3}, {@code _rebuild_parameter},
 * {@code _rebuild_parameter_with_state}, {@code torch._tensor._rebuild_from_type_v2}), the typed
 * storage classes ({@code torch.FloatStorage} …) and {@code torch.UntypedStorage}, dtypes
 * ({@code torch.float32} …), {@code torch.Size}, {@code torch.device}, {@code torch.Tensor},
 * {@code torch.nn.parameter.Parameter}, {@code _codecs.encode} (how protocol 2 writes bytes), and
 * the builtins {@code set}, {@code frozenset} and {@code bytearray}. Protocol 2 spells
 * {@code builtins} as {@code __builtin__}; both are accepted.
 */
final class PickleGlobals {
    private PickleGlobals() {
    }

    /** A global that REDUCE or NEWOBJ may call. */
    enum Callable {
        ORDERED_DICT("collections", "OrderedDict"),
        REBUILD_TENSOR("torch._utils", "_rebuild_tensor"),
        REBUILD_TENSOR_V2("torch._utils", "_rebuild_tensor_v2"),
        REBUILD_TENSOR_V3("torch._utils", "_rebuild_tensor_v3"),
        REBUILD_PARAMETER("torch._utils", "_rebuild_parameter"),
        REBUILD_PARAMETER_WITH_STATE("torch._utils", "_rebuild_parameter_with_state"),
        REBUILD_FROM_TYPE_V2("torch._tensor", "_rebuild_from_type_v2"),
        CODECS_ENCODE("_codecs", "encode"),
        SET("builtins", "set"),
        FROZENSET("builtins", "frozenset"),
        BYTEARRAY("builtins", "bytearray"),
        TORCH_SIZE("torch", "Size"),
        TORCH_DEVICE("torch", "device");

        private final String module;
        private final String name;

        Callable(String module, String name) {
            this.module = module;
            this.name = name;
        }

        String qualifiedName() {
            return module + "." + name;
        }

        boolean rebuildsTensor() {
            return this == REBUILD_TENSOR || this == REBUILD_TENSOR_V2 || this == REBUILD_TENSOR_V3
                    || this == REBUILD_PARAMETER || this == REBUILD_PARAMETER_WITH_STATE;
        }
    }

    /** A storage class: {@code torch.FloatStorage} etc., or {@code torch.UntypedStorage} (dtype null). */
    record StorageClass(TorchDType dtype) {
        boolean untyped() {
            return dtype == null;
        }
    }

    /** {@code torch.Tensor} or {@code torch.nn.parameter.Parameter}, as named by _rebuild_from_type_v2. */
    enum TensorClass {
        TENSOR,
        PARAMETER
    }

    /**
     * The value a GLOBAL names: a {@link Callable}, {@link StorageClass}, {@link TensorClass} or
     * {@link TorchDType}; any other name is refused.
     */
    static Object resolve(String module, String name) {
        String mod = module.equals("__builtin__") ? "builtins" : module;
        for (Callable c : Callable.values()) {
            if (c.module.equals(mod) && c.name.equals(name)) {
                return c;
            }
        }
        if (mod.equals("torch") || mod.equals("torch.cuda")) {
            if (name.equals("UntypedStorage")) {
                return new StorageClass(null);
            }
            Optional<TorchDType> storage = TorchDType.byStorageClass(name);
            if (storage.isPresent()) {
                return new StorageClass(storage.get());
            }
        }
        if (mod.equals("torch")) {
            Optional<TorchDType> dtype = TorchDType.byTorchName(name);
            if (dtype.isPresent()) {
                return dtype.get();
            }
            if (name.equals("Tensor")) {
                return TensorClass.TENSOR;
            }
        }
        if (mod.equals("torch.nn.parameter") && name.equals("Parameter")) {
            return TensorClass.PARAMETER;
        }
        throw new IllegalArgumentException(refusal(module, name));
    }

    private static String refusal(String module, String name) {
        String qualified = module + "." + name;
        String why;
        if (module.equals("torch") && name.endsWith("Storage")) {
            why = "storage type " + qualified + " is not supported (supported: float32, float64,"
                    + " float16, bfloat16, int64, int32, int16, int8, uint8 and bool storages)";
        } else if (module.equals("torch") && isTorchDTypeName(name)) {
            why = "dtype " + qualified + " is not supported";
        } else if (module.startsWith("torch._utils") || module.startsWith("torch._tensor")) {
            why = qualified + " rebuilds a kind of tensor jclef does not import (sparse, quantised,"
                    + " nested, meta or subclass tensors); only dense tensors are supported";
        } else if (module.startsWith("torch") || module.startsWith("collections")
                || module.equals("_codecs")) {
            why = qualified + " is not on the allow-list";
        } else {
            why = qualified + " is not on the allow-list: jclef reads only tensors and plain"
                    + " containers and never runs pickled code. A file that names other Python"
                    + " objects (a whole nn.Module, hyper-parameter objects, functions) must be"
                    + " re-saved as a plain state_dict";
        }
        return "GLOBAL " + why;
    }

    private static boolean isTorchDTypeName(String name) {
        return name.matches("(u?int|float|bfloat|complex|q(u)?int)\\d+.*|float8_.*|half|double|bool|long"
                + "|short|cfloat|cdouble|chalf");
    }
}
