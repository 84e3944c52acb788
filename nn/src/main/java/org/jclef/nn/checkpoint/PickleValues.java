package org.jclef.nn.checkpoint;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Describing unpickled values without recursion: safe on deep or cyclic structures (a pickle can
 * build a list that contains itself).
 */
public final class PickleValues {
    private static final int MAX_STRING = 80;

    private PickleValues() {
    }

    /** The Python type name of an unpickled value: "str", "dict", "tensor", … */
    public static String typeName(Object value) {
        return switch (value) {
            case null -> "None";
            case Boolean b -> "bool";
            case Long l -> "int";
            case BigInteger b -> "int";
            case Double d -> "float";
            case String s -> "str";
            case byte[] b -> "bytes";
            case PickleTuple t -> "tuple";
            case List<?> l -> "list";
            case Map<?, ?> m -> "dict";
            case Set<?> s -> "set";
            case TensorRef t -> "tensor";
            case StorageRef s -> "storage";
            case TorchDType d -> "dtype";
            case PickleGlobals.Callable c -> "global " + c.qualifiedName();
            case PickleGlobals.StorageClass s -> "storage class";
            case PickleGlobals.TensorClass c -> "tensor class";
            default -> value.getClass().getSimpleName();
        };
    }

    /** A one-line description: scalars in full (long strings cut), containers by their size. */
    public static String brief(Object value) {
        return switch (value) {
            case null -> "None";
            case Boolean b -> b ? "True" : "False";
            case BigInteger i -> i.bitLength() <= 256 ? i.toString() : "int of " + i.bitLength() + " bits";
            case Double d -> formatDouble(d);
            case String s -> s.length() <= MAX_STRING ? "'" + s + "'"
                    : "'" + s.substring(0, MAX_STRING) + "…' (" + s.length() + " characters)";
            case byte[] b -> "bytes of length " + b.length;
            case PickleTuple t -> "tuple of " + count(t.size(), "item");
            case List<?> l -> "list of " + count(l.size(), "item");
            case Map<?, ?> m -> "dict of " + count(m.size(), "entry");
            case Set<?> s -> "set of " + count(s.size(), "item");
            case TensorRef t -> t.toString();
            default -> String.valueOf(value);
        };
    }

    private static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return Double.toString(d);
    }

    private static String count(int n, String noun) {
        String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? noun : plural);
    }

    /**
     * {@link #brief} plus, for containers, how many tensors they hold: e.g. "list of 1 item
     * holding 12 tensors of 48 elements (not read)".
     */
    public static String summarize(Object value) {
        String brief = brief(value);
        if (value instanceof TensorRef) {
            return brief + " (not read)";
        }
        TensorCount count = countTensors(value);
        return count.tensors() == 0 ? brief : String.format(Locale.ROOT,
                "%s holding %,d tensors of %,d elements (not read)", brief, count.tensors(),
                count.elements());
    }

    /** Number of distinct tensors and their total elements reachable from a value. */
    public record TensorCount(int tensors, long elements) {
    }

    /** Counts the distinct tensors inside {@code value} (each object visited once, no recursion). */
    public static TensorCount countTensors(Object value) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(value == null ? List.of() : value);
        int tensors = 0;
        long elements = 0;
        while (!pending.isEmpty()) {
            Object v = pending.pop();
            if (!seen.add(v)) {
                continue;
            }
            switch (v) {
                case TensorRef t -> {
                    tensors++;
                    elements += t.numel();
                }
                case PickleTuple t -> pushAll(pending, t.items());
                case List<?> l -> pushAll(pending, l);
                case Set<?> s -> pushAll(pending, s);
                case Map<?, ?> m -> {
                    pushAll(pending, m.keySet());
                    pushAll(pending, m.values());
                }
                default -> {
                }
            }
        }
        return new TensorCount(tensors, elements);
    }

    private static void pushAll(Deque<Object> pending, Iterable<?> items) {
        for (Object item : items) {
            if (item != null) {
                pending.push(item);
            }
        }
    }
}
