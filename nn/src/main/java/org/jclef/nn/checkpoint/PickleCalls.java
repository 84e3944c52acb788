package org.jclef.nn.checkpoint;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jclef.nn.checkpoint.PickleGlobals.Callable;
import org.jclef.nn.checkpoint.PickleGlobals.TensorClass;

/**
 * What the allow-listed callables of {@link PickleGlobals} do when a pickle's REDUCE or NEWOBJ
 * calls them, re-implemented in plain Java: containers, bytes, torch.Size and torch.device, and the
 * tensor rebuild functions, which only describe a view ({@link TensorRef}) and read no data.
 * Every argument is type-checked; a wrong one raises an {@link IllegalArgumentException} that
 * {@link Unpickler} reports with the opcode's position.
 */
final class PickleCalls {
    private PickleCalls() {
    }

    /** Calls {@code target} (a {@link Callable} from the allow-list) with {@code args}. */
    static Object call(Object target, PickleTuple args) {
        if (!(target instanceof Callable callable)) {
            throw new IllegalArgumentException("cannot call a " + PickleValues.typeName(target));
        }
        return switch (callable) {
            case ORDERED_DICT -> orderedDict(args);
            case REBUILD_TENSOR -> rebuildTensor(callable, args, 4, 4);
            case REBUILD_TENSOR_V2 -> rebuildTensor(callable, args, 6, 7);
            case REBUILD_TENSOR_V3 -> rebuildTensorV3(args);
            case REBUILD_PARAMETER -> {
                arity(callable, args, 3, 3);
                yield tensorArgument(callable, args.get(0));
            }
            case REBUILD_PARAMETER_WITH_STATE -> {
                arity(callable, args, 4, 4);
                yield tensorArgument(callable, args.get(0));
            }
            case REBUILD_FROM_TYPE_V2 -> rebuildFromType(args);
            case CODECS_ENCODE -> {
                arity(callable, args, 1, 2);
                yield encode(callable, args);
            }
            case SET -> {
                arity(callable, args, 0, 1);
                Set<Object> set = new LinkedHashSet<>();
                Unpickler.addHashables(set, args.size() == 0 ? List.of() : iterable(callable, args.get(0)));
                yield set;
            }
            case FROZENSET -> {
                arity(callable, args, 0, 1);
                Set<Object> set = new LinkedHashSet<>();
                Unpickler.addHashables(set, args.size() == 0 ? List.of() : iterable(callable, args.get(0)));
                yield Collections.unmodifiableSet(set);
            }
            case BYTEARRAY -> {
                arity(callable, args, 0, 2);
                if (args.size() == 0) {
                    yield new byte[0];
                }
                yield args.size() == 1 && args.get(0) instanceof byte[] b ? b.clone() : encode(callable, args);
            }
            case TORCH_SIZE -> {
                arity(callable, args, 1, 1);
                yield new PickleTuple(new ArrayList<>(iterable(callable, args.get(0))));
            }
            case TORCH_DEVICE -> {
                arity(callable, args, 1, 2);
                String type = string(callable, args.get(0), "device type");
                yield args.size() == 2 && args.get(1) != null ? type + ":" + args.get(1) : type;
            }
        };
    }

    private static void arity(Callable callable, PickleTuple args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw new IllegalArgumentException(callable.qualifiedName() + " called with "
                    + args.size() + " arguments, expected " + (min == max ? min : min + " to " + max));
        }
    }

    private static Map<Object, Object> orderedDict(PickleTuple args) {
        arity(Callable.ORDERED_DICT, args, 0, 1);
        Map<Object, Object> dict = new LinkedHashMap<>();
        if (args.size() == 1) {
            for (Object pair : iterable(Callable.ORDERED_DICT, args.get(0))) {
                if (!(pair instanceof PickleTuple p) || p.size() != 2) {
                    throw new IllegalArgumentException("collections.OrderedDict expects (key, value)"
                            + " pairs, got a " + PickleValues.typeName(pair));
                }
                dict.put(Unpickler.hashable(p.get(0), 0), p.get(1));
            }
        }
        return dict;
    }

    /** _rebuild_tensor(storage, offset, size, stride) and _v2(…, requires_grad, hooks[, metadata]). */
    private static TensorRef rebuildTensor(Callable callable, PickleTuple args, int min, int max) {
        arity(callable, args, min, max);
        if (!(args.get(0) instanceof StorageRef storage)) {
            throw new IllegalArgumentException(callable.qualifiedName() + " expects a storage"
                    + " (a persistent id) as its first argument, got a "
                    + PickleValues.typeName(args.get(0)));
        }
        if (args.size() > 4) {
            requireType(callable, args.get(4), Boolean.class, "requires_grad");
            requireType(callable, args.get(5), Map.class, "backward_hooks");
        }
        return view(callable, storage, args);
    }

    /** _rebuild_tensor_v3(storage, offset, size, stride, requires_grad, hooks, dtype[, metadata]). */
    private static TensorRef rebuildTensorV3(PickleTuple args) {
        Callable callable = Callable.REBUILD_TENSOR_V3;
        arity(callable, args, 7, 8);
        if (!(args.get(0) instanceof StorageRef storage)) {
            throw new IllegalArgumentException(callable.qualifiedName() + " expects a storage"
                    + " as its first argument, got a " + PickleValues.typeName(args.get(0)));
        }
        if (!(args.get(6) instanceof TorchDType dtype)) {
            throw new IllegalArgumentException(callable.qualifiedName() + " expects a dtype as its"
                    + " seventh argument, got a " + PickleValues.typeName(args.get(6)));
        }
        requireType(callable, args.get(4), Boolean.class, "requires_grad");
        requireType(callable, args.get(5), Map.class, "backward_hooks");
        StorageRef typed = storage.untyped() ? storage.reinterpret(dtype) : storage;
        if (typed.dtype() != dtype) {
            throw new IllegalArgumentException("tensor of dtype " + dtype + " on a " + typed.dtype()
                    + " storage");
        }
        return view(callable, typed, args);
    }

    private static TensorRef view(Callable callable, StorageRef storage, PickleTuple args) {
        long offset = nonNegativeLong(callable, args.get(1), "storage_offset");
        List<?> size = iterable(callable, args.get(2));
        List<?> stride = iterable(callable, args.get(3));
        int[] shape = new int[size.size()];
        for (int a = 0; a < shape.length; a++) {
            long d = nonNegativeLong(callable, size.get(a), "size");
            if (d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tensor dimension " + d + " exceeds "
                        + Integer.MAX_VALUE);
            }
            shape[a] = (int) d;
        }
        long[] strides = new long[stride.size()];
        for (int a = 0; a < strides.length; a++) {
            strides[a] = nonNegativeLong(callable, stride.get(a), "stride");
        }
        return new TensorRef(storage, offset, shape, strides);
    }

    /** _rebuild_from_type_v2(func, new_type, args, state): a tensor subclass wrapper. */
    private static Object rebuildFromType(PickleTuple args) {
        Callable self = Callable.REBUILD_FROM_TYPE_V2;
        arity(self, args, 4, 4);
        if (!(args.get(0) instanceof Callable func) || !func.rebuildsTensor()) {
            throw new IllegalArgumentException(self.qualifiedName() + " may only wrap a tensor"
                    + " rebuild function, got a " + PickleValues.typeName(args.get(0)));
        }
        if (!(args.get(1) instanceof TensorClass)) {
            throw new IllegalArgumentException(self.qualifiedName() + " may only build torch.Tensor"
                    + " or torch.nn.parameter.Parameter, got a " + PickleValues.typeName(args.get(1)));
        }
        if (args.get(3) != null && !(args.get(3) instanceof Map)) {
            throw new IllegalArgumentException(self.qualifiedName() + " state is a "
                    + PickleValues.typeName(args.get(3)) + ", expected a dict or None");
        }
        return call(func, Unpickler.tuple(args.get(2), self.qualifiedName() + " arguments"));
    }

    private static TensorRef tensorArgument(Callable callable, Object value) {
        if (value instanceof TensorRef t) {
            return t;
        }
        throw new IllegalArgumentException(callable.qualifiedName() + " expects a tensor, got a "
                + PickleValues.typeName(value));
    }

    private static byte[] encode(Callable callable, PickleTuple args) {
        String text = string(callable, args.get(0), "text");
        String encoding = args.size() > 1 ? string(callable, args.get(1), "encoding") : "utf-8";
        Charset charset = switch (encoding.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "l1" -> StandardCharsets.ISO_8859_1;
            case "utf-8", "utf8" -> StandardCharsets.UTF_8;
            case "ascii", "us-ascii" -> StandardCharsets.US_ASCII;
            default -> throw new IllegalArgumentException(callable.qualifiedName()
                    + " with encoding '" + encoding + "' is not supported (latin1, utf-8, ascii)");
        };
        if (!charset.newEncoder().canEncode(text)) {
            throw new IllegalArgumentException(callable.qualifiedName() + ": text cannot be encoded"
                    + " as " + encoding);
        }
        return text.getBytes(charset);
    }

    private static List<?> iterable(Callable callable, Object value) {
        if (value instanceof PickleTuple t) {
            return t.items();
        }
        if (value instanceof ArrayList<?> list) {
            return list;
        }
        if (value instanceof Set<?> set) {
            return new ArrayList<>(set);
        }
        throw new IllegalArgumentException(callable.qualifiedName() + " expects a tuple or list,"
                + " got a " + PickleValues.typeName(value));
    }

    private static String string(Callable callable, Object value, String what) {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(callable.qualifiedName() + " expects a str " + what
                + ", got a " + PickleValues.typeName(value));
    }

    private static long nonNegativeLong(Callable callable, Object value, String what) {
        if (value instanceof Long v && v >= 0) {
            return v;
        }
        throw new IllegalArgumentException(callable.qualifiedName() + " " + what + " must be a"
                + " non-negative int below 2^63, got " + PickleValues.brief(value));
    }

    private static void requireType(Callable callable, Object value, Class<?> type, String what) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(callable.qualifiedName() + " " + what + " is a "
                    + PickleValues.typeName(value) + ", expected a "
                    + (type == Boolean.class ? "bool" : "dict"));
        }
    }
}
