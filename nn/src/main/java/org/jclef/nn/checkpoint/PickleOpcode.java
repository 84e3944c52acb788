package org.jclef.nn.checkpoint;

/**
 * Every opcode of Python's pickle protocols 0–5, with whether jclef's {@link Unpickler} executes it.
 *
 * <p>Supported: the binary opcodes that build plain data (protocols 2–5), persistent ids
 * (BINPERSID), memo access, GLOBAL/STACK_GLOBAL resolved against an allow-list, and
 * REDUCE/NEWOBJ/BUILD applied only to allow-listed callables. torch.save writes protocol 2 by
 * default; {@code pickle_protocol=4} adds FRAME, SHORT_BINUNICODE, MEMOIZE and STACK_GLOBAL.
 * Refused: the text opcodes of protocols 0–1 (INT, FLOAT, STRING, PUT, GET, …), which torch.save
 * never writes; INST and OBJ, which instantiate arbitrary classes; the extension registry
 * (EXT1/2/4); and the out-of-band buffers of protocol 5.
 */
enum PickleOpcode {
    MARK('(', true),
    STOP('.', true),
    POP('0', true),
    POP_MARK('1', true),
    DUP('2', true),
    FLOAT('F', false),
    INT('I', false),
    BININT('J', true),
    BININT1('K', true),
    LONG('L', false),
    BININT2('M', true),
    NONE('N', true),
    PERSID('P', false),
    BINPERSID('Q', true),
    REDUCE('R', true),
    STRING('S', false),
    BINSTRING('T', true),
    SHORT_BINSTRING('U', true),
    UNICODE('V', false),
    BINUNICODE('X', true),
    APPEND('a', true),
    BUILD('b', true),
    GLOBAL('c', true),
    DICT('d', true),
    EMPTY_DICT('}', true),
    APPENDS('e', true),
    GET('g', false),
    BINGET('h', true),
    INST('i', false),
    LONG_BINGET('j', true),
    LIST('l', true),
    EMPTY_LIST(']', true),
    OBJ('o', false),
    PUT('p', false),
    BINPUT('q', true),
    LONG_BINPUT('r', true),
    SETITEM('s', true),
    TUPLE('t', true),
    EMPTY_TUPLE(')', true),
    SETITEMS('u', true),
    BINFLOAT('G', true),
    PROTO(0x80, true),
    NEWOBJ(0x81, true),
    EXT1(0x82, false),
    EXT2(0x83, false),
    EXT4(0x84, false),
    TUPLE1(0x85, true),
    TUPLE2(0x86, true),
    TUPLE3(0x87, true),
    NEWTRUE(0x88, true),
    NEWFALSE(0x89, true),
    LONG1(0x8a, true),
    LONG4(0x8b, true),
    BINBYTES('B', true),
    SHORT_BINBYTES('C', true),
    SHORT_BINUNICODE(0x8c, true),
    BINUNICODE8(0x8d, true),
    BINBYTES8(0x8e, true),
    EMPTY_SET(0x8f, true),
    ADDITEMS(0x90, true),
    FROZENSET(0x91, true),
    NEWOBJ_EX(0x92, true),
    STACK_GLOBAL(0x93, true),
    MEMOIZE(0x94, true),
    FRAME(0x95, true),
    BYTEARRAY8(0x96, true),
    NEXT_BUFFER(0x97, false),
    READONLY_BUFFER(0x98, false);

    private static final PickleOpcode[] BY_CODE = new PickleOpcode[256];

    static {
        for (PickleOpcode op : values()) {
            BY_CODE[op.code] = op;
        }
    }

    private final int code;
    private final boolean supported;

    PickleOpcode(int code, boolean supported) {
        this.code = code;
        this.supported = supported;
    }

    int code() {
        return code;
    }

    boolean supported() {
        return supported;
    }

    /** The opcode with byte value {@code code} (0–255), or null if Python defines none. */
    static PickleOpcode of(int code) {
        return BY_CODE[code];
    }

    /** Name and byte, e.g. {@code BINPUT (0x71 'q')}. */
    String describe() {
        return name() + " (" + describeByte(code) + ")";
    }

    static String describeByte(int code) {
        String hex = String.format("0x%02x", code);
        return code >= 0x20 && code < 0x7f ? hex + " '" + (char) code + "'" : hex;
    }
}
