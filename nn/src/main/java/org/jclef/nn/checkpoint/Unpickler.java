package org.jclef.nn.checkpoint;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jclef.nn.checkpoint.PickleGlobals.StorageClass;

/**
 * A pickle virtual machine that builds plain data and never runs code: the reader of
 * {@code data.pkl} in a torch.save archive.
 *
 * <p>Values come out as Java objects: None → {@code null}, bool → {@link Boolean}, int →
 * {@link Long} (or {@link BigInteger} beyond 64 bits), float → {@link Double}, str →
 * {@link String}, bytes and bytearray → {@code byte[]}, tuple → {@link PickleTuple}, list →
 * {@link ArrayList}, dict and OrderedDict → {@link LinkedHashMap} (insertion-ordered, as Python
 * dicts are), set → {@link LinkedHashSet}, frozenset → an unmodifiable set, a tensor →
 * {@link TensorRef} (its data stays in the archive), a dtype → {@link TorchDType}, torch.device →
 * its string ("cuda:0"), torch.Size → {@link PickleTuple}.
 *
 * <p>Which opcodes run is documented on {@link PickleOpcode}, which globals may be named on
 * {@link PickleGlobals}. Hostile input fails fast with a {@link CheckpointException} that names the
 * source, the byte offset and the opcode: every declared length is checked against the bytes that
 * remain before anything is allocated, memo and stack grow by at most one entry per opcode (so they
 * are bounded by the pickle's length), the machine is a loop (no recursion), dict keys must be
 * hashable (scalars, or tuples of them at most 32 deep), and an object's state is never set
 * except for the ignored attribute dict of an OrderedDict (a state_dict's {@code _metadata}).
 */
final class Unpickler {
    /** Resolves a persistent id (torch writes one tuple per storage) to the object it stands for. */
    @FunctionalInterface
    interface PersistentLoader {
        /** The object for {@code pid}; an {@link IllegalArgumentException} says why it is refused. */
        Object load(Object pid);
    }

    private static final int MAX_GLOBAL_NAME_BYTES = 1024;
    private static final int MAX_KEY_DEPTH = 32;
    private static final Object STOPPED = new Object();

    private final byte[] data;
    private final String source;
    private final PersistentLoader persistentLoader;
    private final ArrayList<Object> stack = new ArrayList<>();
    private final IntArrayList marks = new IntArrayList();
    private final Long2ObjectOpenHashMap<Object> memo = new Long2ObjectOpenHashMap<>();
    private int pos;
    private int protocol;
    private Object result = STOPPED;

    private Unpickler(byte[] data, String source, PersistentLoader persistentLoader) {
        this.data = data;
        this.source = source;
        this.persistentLoader = persistentLoader;
    }

    /** The value {@code data} pickles. {@code source} names the pickle in error messages. */
    static Loaded load(byte[] data, String source, PersistentLoader persistentLoader)
            throws CheckpointException {
        Unpickler machine = new Unpickler(data, source, persistentLoader);
        machine.run();
        return new Loaded(machine.result, machine.protocol);
    }

    /** The unpickled value and the protocol its PROTO opcode declared. */
    record Loaded(Object value, int protocol) {
    }

    private void run() throws CheckpointException {
        while (result == STOPPED) {
            int start = pos;
            if (pos >= data.length) {
                throw new CheckpointException(source, "pickle ends at byte " + pos
                        + " without a STOP opcode (truncated?)");
            }
            int code = data[pos++] & 0xff;
            PickleOpcode op = PickleOpcode.of(code);
            if (op == null) {
                throw new CheckpointException(source, "unknown pickle opcode "
                        + PickleOpcode.describeByte(code) + " at byte " + start
                        + ": not a pickle, or a corrupt one");
            }
            if (!op.supported()) {
                throw new CheckpointException(source, "pickle opcode " + op.describe() + " at byte "
                        + start + " is not supported: " + unsupportedReason(op));
            }
            try {
                execute(op);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new CheckpointException(source, "pickle opcode " + op.describe() + " at byte "
                        + start + ": " + e.getMessage(), e);
            }
        }
    }

    private static String unsupportedReason(PickleOpcode op) {
        return switch (op) {
            case INST, OBJ -> "it instantiates an arbitrary class, which jclef never does";
            case EXT1, EXT2, EXT4 -> "it refers to Python's copyreg extension registry";
            case NEXT_BUFFER, READONLY_BUFFER -> "out-of-band buffers of protocol 5 are not used by torch.save";
            default -> "it belongs to the text protocols 0 and 1, which torch.save never writes";
        };
    }

    private void execute(PickleOpcode op) {
        switch (op) {
            case PROTO -> {
                protocol = u8();
                if (protocol < 2 || protocol > 5) {
                    throw new IllegalArgumentException("pickle protocol " + protocol
                            + ", expected 2 to 5");
                }
            }
            case FRAME -> {
                long length = u64();
                if (length > remaining()) {
                    throw new IllegalArgumentException("frame of " + length + " bytes, but only "
                            + remaining() + " remain (truncated?)");
                }
            }
            case STOP -> result = pop();
            case MARK -> marks.add(stack.size());
            case POP -> {
                if (stack.size() > topMark()) {
                    pop();
                } else {
                    popMark();
                }
            }
            case POP_MARK -> popMark();
            case DUP -> push(peek());
            case NONE -> push(null);
            case NEWTRUE -> push(Boolean.TRUE);
            case NEWFALSE -> push(Boolean.FALSE);
            case BININT -> push((long) s32());
            case BININT1 -> push((long) u8());
            case BININT2 -> push((long) u16());
            case LONG1 -> push(decodeLong(bytes(u8())));
            case LONG4 -> push(decodeLong(bytes(nonNegative(s32(), "LONG4 length"))));
            case BINFLOAT -> push(Double.longBitsToDouble(ByteBuffer.wrap(bytes(8)).getLong()));
            case BINUNICODE -> push(utf8(bytes(u32())));
            case SHORT_BINUNICODE -> push(utf8(bytes(u8())));
            case BINUNICODE8 -> push(utf8(bytes(u64())));
            case BINSTRING -> push(utf8(bytes(nonNegative(s32(), "BINSTRING length"))));
            case SHORT_BINSTRING -> push(utf8(bytes(u8())));
            case BINBYTES -> push(bytes(u32()));
            case SHORT_BINBYTES -> push(bytes(u8()));
            case BINBYTES8, BYTEARRAY8 -> push(bytes(u64()));
            case EMPTY_TUPLE -> push(PickleTuple.EMPTY);
            case TUPLE1 -> push(new PickleTuple(popN(1)));
            case TUPLE2 -> push(new PickleTuple(popN(2)));
            case TUPLE3 -> push(new PickleTuple(popN(3)));
            case TUPLE -> push(new PickleTuple(popMark()));
            case EMPTY_LIST -> push(new ArrayList<>());
            case LIST -> push(new ArrayList<>(popMark()));
            case APPEND -> {
                Object value = pop();
                list(peek(), "APPEND").add(value);
            }
            case APPENDS -> {
                List<Object> items = popMark();
                list(peek(), "APPENDS").addAll(items);
            }
            case EMPTY_DICT -> push(new LinkedHashMap<>());
            case DICT -> {
                Map<Object, Object> dict = new LinkedHashMap<>();
                putPairs(dict, popMark());
                push(dict);
            }
            case SETITEM -> {
                Object value = pop();
                Object key = pop();
                dict(peek(), "SETITEM").put(hashable(key, 0), value);
            }
            case SETITEMS -> {
                List<Object> items = popMark();
                putPairs(dict(peek(), "SETITEMS"), items);
            }
            case EMPTY_SET -> push(new LinkedHashSet<>());
            case ADDITEMS -> {
                List<Object> items = popMark();
                addHashables(set(peek(), "ADDITEMS"), items);
            }
            case FROZENSET -> {
                Set<Object> set = new LinkedHashSet<>();
                addHashables(set, popMark());
                push(Collections.unmodifiableSet(set));
            }
            case BINPUT -> memo.put(u8(), peek());
            case LONG_BINPUT -> memo.put(u32(), peek());
            case MEMOIZE -> memo.put(memo.size(), peek());
            case BINGET -> push(memoGet(u8()));
            case LONG_BINGET -> push(memoGet(u32()));
            case GLOBAL -> {
                String module = line();
                String name = line();
                push(PickleGlobals.resolve(module, name));
            }
            case STACK_GLOBAL -> {
                Object name = pop();
                Object module = pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new IllegalArgumentException("STACK_GLOBAL needs two strings, got "
                            + PickleValues.typeName(module) + " and " + PickleValues.typeName(name));
                }
                push(PickleGlobals.resolve(m, n));
            }
            case REDUCE -> {
                Object args = pop();
                Object callable = pop();
                push(PickleCalls.call(callable, tuple(args, "REDUCE arguments")));
            }
            case NEWOBJ -> {
                Object args = pop();
                Object cls = pop();
                push(PickleCalls.call(cls, tuple(args, "NEWOBJ arguments")));
            }
            case NEWOBJ_EX -> {
                Object kwargs = pop();
                Object args = pop();
                Object cls = pop();
                if (!(kwargs instanceof Map<?, ?> k) || !k.isEmpty()) {
                    throw new IllegalArgumentException("NEWOBJ_EX with keyword arguments is not supported");
                }
                push(PickleCalls.call(cls, tuple(args, "NEWOBJ_EX arguments")));
            }
            case BUILD -> {
                Object state = pop();
                build(peek(), state);
            }
            case BINPERSID -> push(persistentLoader.load(pop()));
            default -> throw new IllegalStateException("opcode " + op + " is marked supported but has no case");
        }
    }

    // ---------------------------------------------------------------- stack and memo

    private int topMark() {
        return marks.isEmpty() ? 0 : marks.getInt(marks.size() - 1);
    }

    private void push(Object value) {
        stack.add(value);
    }

    private Object peek() {
        if (stack.size() <= topMark()) {
            throw new IllegalArgumentException("stack underflow (nothing above the last MARK)");
        }
        return stack.get(stack.size() - 1);
    }

    private Object pop() {
        Object top = peek();
        stack.remove(stack.size() - 1);
        return top;
    }

    private List<Object> popN(int n) {
        if (stack.size() - topMark() < n) {
            throw new IllegalArgumentException("stack underflow (needs " + n + " items)");
        }
        List<Object> top = stack.subList(stack.size() - n, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw new IllegalArgumentException("no MARK on the stack");
        }
        int mark = marks.removeInt(marks.size() - 1);
        List<Object> top = stack.subList(mark, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    private Object memoGet(long index) {
        if (!memo.containsKey(index)) {
            throw new IllegalArgumentException("memo entry " + index + " was never stored");
        }
        return memo.get(index);
    }

    // ---------------------------------------------------------------- reading bytes

    private int remaining() {
        return data.length - pos;
    }

    private void need(long n) {
        if (n > remaining()) {
            throw new IllegalArgumentException("needs " + n + " bytes but only " + remaining()
                    + " remain (truncated or hostile pickle)");
        }
    }

    private int u8() {
        need(1);
        return data[pos++] & 0xff;
    }

    private int u16() {
        need(2);
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    private int s32() {
        need(4);
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8 | (data[pos + 2] & 0xff) << 16
                | (data[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    private long u32() {
        return s32() & 0xffffffffL;
    }

    /** An unsigned 64-bit length; values past Long.MAX_VALUE become negative and fail in bytes(). */
    private long u64() {
        long lo = u32();
        long hi = u32();
        return hi << 32 | lo;
    }

    private static long nonNegative(int value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException("negative " + what + " " + value);
        }
        return value;
    }

    private byte[] bytes(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("declares a length of " + Long.toUnsignedString(n)
                    + " bytes, more than the pickle holds");
        }
        need(n);
        byte[] out = new byte[(int) n];
        System.arraycopy(data, pos, out, 0, (int) n);
        pos += (int) n;
        return out;
    }

    /** A newline-terminated name (GLOBAL's module and name). */
    private String line() {
        int limit = Math.min(data.length, pos + MAX_GLOBAL_NAME_BYTES);
        for (int i = pos; i < limit; i++) {
            if (data[i] == '\n') {
                String s = decode(StandardCharsets.UTF_8, Arrays.copyOfRange(data, pos, i));
                pos = i + 1;
                return s;
            }
        }
        throw new IllegalArgumentException("GLOBAL name not terminated by a newline within "
                + (limit - pos) + " bytes");
    }

    private static String utf8(byte[] bytes) {
        return decode(StandardCharsets.UTF_8, bytes);
    }

    private static String decode(Charset charset, byte[] bytes) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("string of " + bytes.length + " bytes is not valid "
                    + charset.name());
        }
    }

    /** A little-endian two's-complement integer, as LONG1 and LONG4 store it. */
    private static Object decodeLong(byte[] littleEndian) {
        if (littleEndian.length == 0) {
            return 0L;
        }
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        BigInteger value = new BigInteger(bigEndian);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    // ---------------------------------------------------------------- containers

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object target, String opcode) {
        if (target instanceof ArrayList<?> list) {
            return (List<Object>) list;
        }
        throw new IllegalArgumentException(opcode + " on a " + PickleValues.typeName(target)
                + ", expected a list");
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object target, String opcode) {
        if (target instanceof LinkedHashMap<?, ?> map) {
            return (Map<Object, Object>) map;
        }
        throw new IllegalArgumentException(opcode + " on a " + PickleValues.typeName(target)
                + ", expected a dict");
    }

    @SuppressWarnings("unchecked")
    private static Set<Object> set(Object target, String opcode) {
        if (target instanceof LinkedHashSet<?> set) {
            return (Set<Object>) set;
        }
        throw new IllegalArgumentException(opcode + " on a " + PickleValues.typeName(target)
                + ", expected a set");
    }

    private static void putPairs(Map<Object, Object> dict, List<Object> items) {
        if (items.size() % 2 != 0) {
            throw new IllegalArgumentException("odd number of items (" + items.size()
                    + ") for key/value pairs");
        }
        for (int i = 0; i < items.size(); i += 2) {
            dict.put(hashable(items.get(i), 0), items.get(i + 1));
        }
    }

    static void addHashables(Set<Object> set, Collection<?> items) {
        for (Object item : items) {
            set.add(hashable(item, 0));
        }
    }

    /** {@code key} if Python could hash it and Java hashes it by value; bounded nesting. */
    static Object hashable(Object key, int depth) {
        if (key == null || key instanceof String || key instanceof Long || key instanceof BigInteger
                || key instanceof Double || key instanceof Boolean || key instanceof TorchDType) {
            return key;
        }
        if (key instanceof PickleTuple tuple) {
            if (depth >= MAX_KEY_DEPTH) {
                throw new IllegalArgumentException("dict key or set element nested deeper than "
                        + MAX_KEY_DEPTH + " tuples");
            }
            for (Object item : tuple.items()) {
                hashable(item, depth + 1);
            }
            return key;
        }
        throw new IllegalArgumentException("a " + PickleValues.typeName(key)
                + " cannot be a dict key or set element (supported: str, int, float, bool, None,"
                + " dtype and tuples of them)");
    }

    static PickleTuple tuple(Object value, String what) {
        if (value instanceof PickleTuple t) {
            return t;
        }
        throw new IllegalArgumentException(what + " are a " + PickleValues.typeName(value)
                + ", expected a tuple");
    }

    /** BUILD: only the attribute dict of a dict (a state_dict's _metadata) is accepted, and ignored. */
    private static void build(Object target, Object state) {
        boolean attributeDict = state == null || state instanceof Map
                || state instanceof PickleTuple t && t.size() == 2
                && (t.get(0) == null || t.get(0) instanceof Map)
                && (t.get(1) == null || t.get(1) instanceof Map);
        if (!(target instanceof Map) || !attributeDict) {
            throw new IllegalArgumentException("BUILD would set the state of a "
                    + PickleValues.typeName(target) + " from a " + PickleValues.typeName(state)
                    + "; only the attribute dict of a dict (such as a state_dict's _metadata) is accepted");
        }
    }

    /** The storage class a persistent id names, for {@link TorchArchive}'s loader. */
    static StorageClass storageClass(Object value) {
        if (value instanceof StorageClass sc) {
            return sc;
        }
        throw new IllegalArgumentException("persistent id names a " + PickleValues.typeName(value)
                + " where a storage class (torch.FloatStorage, ...) was expected");
    }
}
