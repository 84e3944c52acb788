package org.jclef.nn.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Writes pickle opcodes by hand, to craft well-formed and hostile data.pkl streams in tests. */
final class PickleBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleBuilder op(int code) {
        out.write(code);
        return this;
    }

    PickleBuilder raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    PickleBuilder le32(long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
        return this;
    }

    PickleBuilder le64(long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
        return this;
    }

    PickleBuilder proto(int version) {
        return op(0x80).op(version);
    }

    PickleBuilder global(String module, String name) {
        return op('c').raw((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
    }

    PickleBuilder unicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return op('X').le32(b.length).raw(b);
    }

    PickleBuilder shortUnicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return op(0x8c).op(b.length).raw(b);
    }

    /** The smallest int opcode for {@code v} (BININT1, BININT2, BININT or LONG1). */
    PickleBuilder integer(long v) {
        if (v >= 0 && v < 256) {
            return op('K').op((int) v);
        }
        if (v >= 0 && v < 65536) {
            return op('M').op((int) v & 0xff).op((int) (v >>> 8));
        }
        if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            return op('J').le32(v);
        }
        return op(0x8a).op(8).le64(v);
    }

    PickleBuilder binfloat(double v) {
        return op('G').raw(ByteBuffer.allocate(8).putDouble(v).array());
    }

    PickleBuilder mark() {
        return op('(');
    }

    PickleBuilder tuple() {
        return op('t');
    }

    PickleBuilder emptyTuple() {
        return op(')');
    }

    PickleBuilder emptyDict() {
        return op('}');
    }

    PickleBuilder emptyList() {
        return op(']');
    }

    PickleBuilder setitem() {
        return op('s');
    }

    PickleBuilder reduce() {
        return op('R');
    }

    PickleBuilder stop() {
        return op('.');
    }

    /** Pushes a persistent-id storage: ('storage', torch.<storageClass>, key, 'cpu', numel). */
    PickleBuilder storage(String storageClass, String key, long numel) {
        return mark().unicode("storage").global("torch", storageClass).unicode(key).unicode("cpu")
                .integer(numel).tuple().op('Q');
    }

    /** Pushes _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict()). */
    PickleBuilder tensor(String storageClass, String key, long numel, long offset, long[] size,
                         long[] stride) {
        global("torch._utils", "_rebuild_tensor_v2").mark();
        storage(storageClass, key, numel).integer(offset);
        mark();
        for (long d : size) {
            integer(d);
        }
        tuple().mark();
        for (long s : stride) {
            integer(s);
        }
        tuple().op(0x89).global("collections", "OrderedDict").emptyTuple().reduce();
        return tuple().reduce();
    }

    /** Starts a protocol-2 pickle of an OrderedDict; follow with entries and {@link #stop()}. */
    static PickleBuilder orderedDict() {
        return new PickleBuilder().proto(2).global("collections", "OrderedDict").emptyTuple().reduce();
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
