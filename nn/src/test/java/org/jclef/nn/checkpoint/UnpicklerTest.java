package org.jclef.nn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The allow-list unpickler on hand-written pickles: plain values, tensors, hostile streams. */
class UnpicklerTest {
    private static final Unpickler.PersistentLoader NO_STORAGES = pid -> {
        throw new IllegalArgumentException("no persistent ids expected");
    };

    /** Storages as the archive would resolve them, from ('storage', class, key, location, numel). */
    private static final Unpickler.PersistentLoader STORAGES = pid -> {
        PickleTuple t = (PickleTuple) pid;
        PickleGlobals.StorageClass c = Unpickler.storageClass(t.get(1));
        return c.untyped()
                ? new StorageRef((String) t.get(2), TorchDType.UINT8, (Long) t.get(4), (String) t.get(3), true)
                : new StorageRef((String) t.get(2), c.dtype(), (Long) t.get(4), (String) t.get(3), false);
    };

    private static Object load(PickleBuilder b) throws CheckpointException {
        return Unpickler.load(b.bytes(), "test.pkl", STORAGES).value();
    }

    private static String refusal(PickleBuilder b) {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Unpickler.load(b.bytes(), "test.pkl", NO_STORAGES));
        assertTrue(e.getMessage().startsWith("test.pkl: "), e.getMessage());
        return e.getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' not in: " + message);
        }
    }

    // ---------------------------------------------------------------- plain values

    @Test
    void scalarsAndContainersBecomeJavaValues() throws CheckpointException {
        PickleBuilder b = new PickleBuilder().proto(2).emptyDict().op('q').op(0).mark()
                .unicode("int").integer(-5)
                .unicode("big").op(0x8a).op(9).raw(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 1})
                .unicode("negative_long1").op(0x8a).op(2).raw((byte) 0x00, (byte) 0xff)
                .unicode("float").binfloat(-2.5e-3)
                .unicode("none").op('N')
                .unicode("flags").op(0x88).op(0x89).op(0x86)
                .unicode("text").unicode("héllo ✓")
                .unicode("list").emptyList().mark().integer(1).integer(70000).integer(1L << 40).op('e')
                .unicode("again").op('h').op(0)
                .op('u').stop();
        Map<?, ?> d = assertInstanceOf(Map.class, load(b));
        assertEquals(-5L, d.get("int"));
        assertEquals(BigInteger.ONE.shiftLeft(64), d.get("big"));
        assertEquals(-256L, d.get("negative_long1"));
        assertEquals(-2.5e-3, d.get("float"));
        assertTrue(d.containsKey("none"));
        assertNull(d.get("none"));
        assertEquals(PickleTuple.of(true, false), d.get("flags"));
        assertEquals("héllo ✓", d.get("text"));
        assertEquals(List.of(1L, 70000L, 1L << 40), d.get("list"));
        assertSame(d, d.get("again"));
        assertEquals(List.of("int", "big", "negative_long1", "float", "none", "flags", "text", "list",
                "again"), List.copyOf(d.keySet()));
    }

    @Test
    void protocolFourOpcodesAndBuiltinsAreRead() throws CheckpointException {
        byte[] framed = new PickleBuilder()
                .shortUnicode("builtins").op(0x94).shortUnicode("set").op(0x94).op(0x93).op(0x94)
                .mark().integer(3).integer(4).op('l').op(0x85).reduce().op(0x94)
                .op(0x8f).mark().integer(7).op(0x90)
                .op('C').op(2).raw((byte) 1, (byte) 2)
                .op(0x87).stop().bytes();
        PickleBuilder b = new PickleBuilder().proto(4).op(0x95).le64(framed.length).raw(framed);
        PickleTuple t = assertInstanceOf(PickleTuple.class, load(b));
        assertEquals(Set.of(3L, 4L), t.get(0));
        assertEquals(Set.of(7L), t.get(1));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) t.get(2));
    }

    @Test
    void protocolTwoBytesDeviceAndSizeAreRebuiltWithoutRunningCode() throws CheckpointException {
        PickleBuilder b = new PickleBuilder().proto(2).mark()
                .global("_codecs", "encode").unicode("\u00ff\u0000A").unicode("latin1").op(0x86).reduce()
                .global("torch", "device").unicode("cuda").integer(1).op(0x86).reduce()
                .global("torch", "Size").mark().integer(2).integer(3).tuple().op(0x85).reduce()
                .global("__builtin__", "frozenset").emptyList().op(0x85).reduce()
                .global("torch", "float32")
                .tuple().stop();
        PickleTuple t = assertInstanceOf(PickleTuple.class, load(b));
        assertArrayEquals(new byte[] {(byte) 0xff, 0, 'A'}, (byte[]) t.get(0));
        assertEquals("cuda:1", t.get(1));
        assertEquals(PickleTuple.of(2L, 3L), t.get(2));
        assertEquals(Set.of(), t.get(3));
        assertSame(TorchDType.FLOAT32, t.get(4));
    }

    @Test
    void tensorsBecomeUnreadReferencesWithTheirView() throws CheckpointException {
        PickleBuilder b = PickleBuilder.orderedDict()
                .unicode("w").tensor("FloatStorage", "0", 12, 2, new long[] {2, 3}, new long[] {1, 4})
                .setitem().stop();
        Map<?, ?> d = assertInstanceOf(Map.class, load(b));
        TensorRef w = assertInstanceOf(TensorRef.class, d.get("w"));
        assertEquals(new StorageRef("0", TorchDType.FLOAT32, 12, "cpu", false), w.storage());
        assertEquals(2, w.offset());
        assertArrayEquals(new int[] {2, 3}, w.shape());
        assertArrayEquals(new long[] {1, 4}, w.stride());
        assertTrue(!w.isContiguous());
    }

    @Test
    void torch2UntypedStorageWithRebuildTensorV3IsReadAsTheGivenDtype() throws CheckpointException {
        PickleBuilder b = new PickleBuilder().proto(2).global("torch._utils", "_rebuild_tensor_v3").mark()
                .storage("UntypedStorage", "0", 16).integer(1).mark().integer(3).tuple().mark().integer(1)
                .tuple().op(0x89).emptyDict().global("torch", "float32").tuple().reduce().stop();
        TensorRef t = assertInstanceOf(TensorRef.class, load(b));
        assertEquals(TorchDType.FLOAT32, t.dtype());
        assertEquals(4, t.storage().numel());
        assertEquals(1, t.offset());

        PickleBuilder odd = new PickleBuilder().proto(2).global("torch._utils", "_rebuild_tensor_v3").mark()
                .storage("UntypedStorage", "0", 6).integer(0).mark().integer(1).tuple().mark().integer(1)
                .tuple().op(0x89).emptyDict().global("torch", "float32").tuple().reduce().stop();
        CheckpointException e = assertThrows(CheckpointException.class, () -> load(odd));
        assertContains(e.getMessage(), "6 bytes, not a whole number of float32 elements");
    }

    @Test
    void parameterAndSubclassWrappersGiveTheTensor() throws CheckpointException {
        PickleBuilder parameter = new PickleBuilder().proto(2).global("torch._utils", "_rebuild_parameter")
                .tensor("DoubleStorage", "0", 2, 0, new long[] {2}, new long[] {1})
                .op(0x88).emptyDict().op(0x87).reduce().stop();
        assertEquals(TorchDType.FLOAT64, assertInstanceOf(TensorRef.class, load(parameter)).dtype());

        PickleBuilder wrapped = new PickleBuilder().proto(2).global("torch._tensor", "_rebuild_from_type_v2").mark()
                .global("torch._utils", "_rebuild_tensor").global("torch", "Tensor")
                .mark().storage("LongStorage", "0", 1).integer(0).emptyTuple().emptyTuple().tuple()
                .emptyDict().tuple().reduce().stop();
        TensorRef t = assertInstanceOf(TensorRef.class, load(wrapped));
        assertEquals(TorchDType.INT64, t.dtype());
        assertEquals(0, t.rank());
    }

    @Test
    void stateDictMetadataAttributeIsAcceptedAndIgnored() throws CheckpointException {
        PickleBuilder b = PickleBuilder.orderedDict().unicode("a").integer(1).setitem()
                .emptyDict().unicode("_metadata").emptyDict().setitem().op('b').stop();
        assertEquals(Map.of("a", 1L), load(b));
    }

    @Test
    void selfContainingAndDeeplyNestedListsLoadWithoutRecursion() throws CheckpointException {
        PickleBuilder cyclic = new PickleBuilder().proto(2).emptyList().op('q').op(1).op('h').op(1)
                .op('a').stop();
        List<?> list = assertInstanceOf(List.class, load(cyclic));
        assertSame(list, list.getFirst());
        assertEquals(0, PickleValues.countTensors(list).tensors());

        PickleBuilder deep = new PickleBuilder().proto(2);
        int depth = 200_000;
        for (int i = 0; i < depth; i++) {
            deep.emptyList();
        }
        for (int i = 0; i < depth - 1; i++) {
            deep.op('a');
        }
        Object outer = load(deep.stop());
        assertEquals("list of 1 item", PickleValues.brief(outer));
        assertEquals(0, PickleValues.countTensors(outer).tensors());
    }

    // ---------------------------------------------------------------- hostile pickles

    @ParameterizedTest
    @CsvSource({"os, system", "builtins, eval", "__builtin__, getattr", "posix, system",
            "subprocess, Popen", "torch, load", "__main__, Net1D", "collections, namedtuple"})
    void disallowedGlobalsAreRefusedBeforeAnythingIsCalled(String module, String name) {
        PickleBuilder b = new PickleBuilder().proto(2).global(module, name)
                .unicode("echo pwned").op(0x85).reduce().stop();
        String message = refusal(b);
        assertContains(message, "GLOBAL (0x63 'c') at byte 2", module + "." + name, "not on the allow-list");
    }

    @Test
    void stackGlobalIsCheckedAgainstTheSameAllowList() {
        PickleBuilder b = new PickleBuilder().proto(4).shortUnicode("builtins").shortUnicode("exec")
                .op(0x93).stop();
        assertContains(refusal(b), "STACK_GLOBAL", "builtins.exec", "never runs pickled code");
    }

    @Test
    void unsupportedTensorKindsAndStoragesAreNamed() {
        assertContains(refusal(new PickleBuilder().proto(2).global("torch._utils", "_rebuild_sparse_tensor")),
                "torch._utils._rebuild_sparse_tensor", "only dense tensors");
        assertContains(refusal(new PickleBuilder().proto(2).global("torch", "ComplexFloatStorage")),
                "torch.ComplexFloatStorage", "not supported");
        assertContains(refusal(new PickleBuilder().proto(2).global("torch", "quint8")),
                "dtype torch.quint8 is not supported");
    }

    @Test
    void callingSomethingThatIsNotAFunctionIsRefused() {
        PickleBuilder b = new PickleBuilder().proto(2).global("torch", "FloatStorage")
                .integer(10).op(0x85).reduce().stop();
        assertContains(refusal(b), "REDUCE", "cannot call a storage class");
    }

    @Test
    void unknownAndUnsupportedOpcodesAreRefused() {
        assertContains(refusal(new PickleBuilder().proto(2).op(0xff)), "unknown pickle opcode 0xff at byte 2");
        assertContains(refusal(new PickleBuilder().proto(2).op('i').raw("os\nsystem\n".getBytes())),
                "INST (0x69 'i')", "instantiates an arbitrary class");
        assertContains(refusal(new PickleBuilder().op('I').raw("1\n".getBytes())),
                "INT (0x49 'I')", "text protocols");
        assertContains(refusal(new PickleBuilder().proto(2).op(0x82).op(1)), "EXT1", "extension registry");
        assertContains(refusal(new PickleBuilder().proto(9)), "pickle protocol 9, expected 2 to 5");
    }

    @Test
    void truncatedStreamsFailWithTheirPosition() {
        assertContains(refusal(new PickleBuilder().proto(2).emptyDict()), "ends at byte 3 without a STOP");
        byte[] full = PickleBuilder.orderedDict().unicode("weight").setitem().stop().bytes();
        for (int cut = 1; cut < full.length; cut++) {
            byte[] part = Arrays.copyOf(full, cut);
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> Unpickler.load(part, "cut.pkl", NO_STORAGES));
            assertTrue(e.getMessage().startsWith("cut.pkl: "), e.getMessage());
        }
        assertContains(refusal(new PickleBuilder().proto(2).op('X').le32(10).raw("abc".getBytes())),
                "BINUNICODE", "needs 10 bytes but only 3 remain");
    }

    @Test
    void hugeDeclaredLengthsFailFastWithoutAllocating() {
        assertContains(refusal(new PickleBuilder().proto(2).op('X').le32(0xFFFF_FFF0L)),
                "needs 4294967280 bytes but only 0 remain");
        assertContains(refusal(new PickleBuilder().proto(4).op(0x8d).le64(-16)), "BINUNICODE8",
                "declares a length of 18446744073709551600 bytes");
        assertContains(refusal(new PickleBuilder().proto(4).op(0x8e).le64(1L << 40)),
                "needs 1099511627776 bytes");
        assertContains(refusal(new PickleBuilder().proto(2).op(0x8b).le32(Integer.MAX_VALUE)),
                "LONG4", "needs 2147483647 bytes");
        assertContains(refusal(new PickleBuilder().proto(2).op(0x8b).le32(-1)), "negative LONG4 length");
        assertContains(refusal(new PickleBuilder().proto(4).op(0x95).le64(1L << 50)),
                "frame of 1125899906842624 bytes");
        assertContains(refusal(new PickleBuilder().proto(2).op('c').raw(new byte[5000])),
                "not terminated by a newline within 1024 bytes");
    }

    @Test
    void hostileTensorViewsAreRefusedBeforeAnyStorageIsRead() {
        assertContains(refusalWithStorages(PickleBuilder.orderedDict().unicode("w")
                        .tensor("FloatStorage", "0", 4, 0, new long[] {5}, new long[] {1}).setitem().stop()),
                "reaches storage index 4 but storage '0' holds only 4 float32 elements");
        assertContains(refusalWithStorages(PickleBuilder.orderedDict().unicode("w")
                        .tensor("FloatStorage", "0", 100, 0, new long[] {1L << 40}, new long[] {1}).setitem().stop()),
                "tensor dimension 1099511627776 exceeds");
        assertContains(refusalWithStorages(PickleBuilder.orderedDict().unicode("w")
                        .tensor("FloatStorage", "0", 100, 0, new long[] {1 << 30, 1 << 30, 1 << 30},
                                new long[] {1 << 30, 1 << 30, 1}).setitem().stop()),
                "overflows 64-bit indexing");
        assertContains(refusalWithStorages(PickleBuilder.orderedDict().unicode("w")
                        .tensor("FloatStorage", "0", 100, 0, new long[] {2}, new long[] {-1}).setitem().stop()),
                "stride must be a non-negative int");
        assertContains(refusalWithStorages(PickleBuilder.orderedDict().unicode("w")
                        .tensor("FloatStorage", "0", 100, 0, new long[] {2, 2}, new long[] {1}).setitem().stop()),
                "different ranks");
        PickleBuilder rank65 = PickleBuilder.orderedDict().unicode("w");
        long[] ones = new long[65];
        Arrays.fill(ones, 1);
        assertContains(refusalWithStorages(rank65.tensor("FloatStorage", "0", 1, 0, ones, ones).setitem().stop()),
                "rank 65 exceeds 64");
    }

    private static String refusalWithStorages(PickleBuilder b) {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Unpickler.load(b.bytes(), "test.pkl", STORAGES));
        return e.getMessage();
    }

    @Test
    void malformedStructureIsRefused() {
        assertContains(refusal(new PickleBuilder().proto(2).integer(1).op('a')), "stack underflow");
        assertContains(refusal(new PickleBuilder().proto(2).integer(1).integer(2).op('a')),
                "APPEND on a int, expected a list");
        assertContains(refusal(new PickleBuilder().proto(2).op('h').op(7)), "memo entry 7 was never stored");
        assertContains(refusal(new PickleBuilder().proto(2).op('t')), "no MARK on the stack");
        assertContains(refusal(new PickleBuilder().proto(2).emptyDict().emptyList().integer(1).setitem()),
                "a list cannot be a dict key");
        assertContains(refusal(new PickleBuilder().proto(2).emptyDict().mark().integer(1).op('u')),
                "odd number of items");
        assertContains(refusal(new PickleBuilder().proto(2).emptyList().emptyDict().op('b')),
                "BUILD would set the state of a list");
        assertContains(refusal(new PickleBuilder().proto(2).global("collections", "OrderedDict")
                .emptyTuple().reduce().integer(5).op('b')), "BUILD would set the state of a dict from a int");
        assertContains(refusal(new PickleBuilder().proto(2).global("_codecs", "encode")
                .unicode("x").unicode("rot13").op(0x86).reduce()), "encoding 'rot13' is not supported");
        assertContains(refusal(new PickleBuilder().proto(2).op('X').le32(2).raw((byte) 0xc3, (byte) 0x28)),
                "not valid UTF-8");
        PickleBuilder deepKey = new PickleBuilder().proto(2).emptyDict().integer(0);
        for (int i = 0; i < 40; i++) {
            deepKey.op(0x85);
        }
        assertContains(refusal(deepKey.integer(1).setitem()), "nested deeper than 32 tuples");
    }

    @Test
    void persistentIdsMustBeStorageTuples() {
        PickleBuilder b = new PickleBuilder().proto(2).unicode("storage").op('Q').stop();
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Unpickler.load(b.bytes(), "test.pkl", pid -> {
                    throw new IllegalArgumentException("persistent id " + PickleValues.brief(pid) + " refused");
                }));
        assertContains(e.getMessage(), "BINPERSID", "persistent id 'storage' refused");
    }
}
