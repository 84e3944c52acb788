package org.jclef.nn.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.jclef.tensor.Tensor;

/**
 * An open torch.save zip archive: its unpickled {@code data.pkl}, with tensors as unread
 * {@link TensorRef}s, and the storages behind them, read on demand.
 *
 * <p>Layout, as written by torch 1.6 … 2.x ({@code <root>} is the file stem when torch.save was
 * given a path, {@code archive} when it was given a buffer, as Lightning does; jclef accepts any):
 * <pre>
 * &lt;root&gt;/data.pkl                 the pickled object (protocol 2 unless the caller chose another)
 * &lt;root&gt;/data/&lt;key&gt;               one record per storage, raw little-endian elements
 * &lt;root&gt;/version or .data/version  the archive format version ("3")
 * &lt;root&gt;/byteorder                "little" or "big" (torch &gt;= 2.1; absent means little)
 * &lt;root&gt;/.data/serialization_id, .format_version, .storage_alignment   (newer torch; not needed)
 * </pre>
 * Records may be stored or deflated and may use data descriptors and zip64; the central directory
 * is what is read, and every record read is checked against its CRC-32. Big-endian archives are
 * refused. Every storage a tensor names is checked against its record's size when the archive is
 * opened, before any storage is read.
 *
 * <p>Tensors ({@link #tensor}) of float32 and float64 that are contiguous views share one jclef
 * storage per PyTorch storage, as torch.load's do; other views are copied by their strides.
 * Integer and bool tensors are always copied into F64 (see {@link TorchDType}).
 */
public final class TorchArchive implements AutoCloseable {
    /** data.pkl of a 1.2 GB Net1D-Large checkpoint is well under 1 MB; this bounds hostile files. */
    static final int MAX_PICKLE_BYTES = 256 << 20;
    private static final int MAX_TEXT_RECORD_BYTES = 256;
    /** Deflate cannot expand data by more than about 1032:1. */
    private static final long MAX_DEFLATE_RATIO = 1100;
    /** Integers up to 2^53 in magnitude are exact in float64. */
    private static final long EXACT_LIMIT = 1L << 53;

    private final Path file;
    private final String source;
    private final ZipFile zip;
    private final long fileSize;
    private final String root;
    private final String version;
    private final String byteOrder;
    private final Object content;
    private final int pickleProtocol;
    private final Map<String, StorageRef> storages = new LinkedHashMap<>();
    private final Map<String, DecodedStorage> loadedStorages = new HashMap<>();
    private final Map<Object, Tensor> baseTensors = new IdentityHashMap<>();

    private TorchArchive(Path file, ZipFile zip) throws IOException {
        this.file = file;
        this.source = file.toString();
        this.zip = zip;
        this.fileSize = Files.size(file);
        this.root = findRoot();
        this.byteOrder = textRecord("byteorder").orElse("little");
        if (byteOrder.equals("big")) {
            throw new CheckpointException(source, "the archive stores big-endian storages"
                    + " (record " + root + "/byteorder); jclef reads little-endian archives only:"
                    + " re-save it with torch on a little-endian machine");
        }
        if (!byteOrder.equals("little")) {
            throw new CheckpointException(source, "record " + root + "/byteorder says '"
                    + byteOrder + "', expected 'little' or 'big'");
        }
        Optional<String> versionRecord = textRecord("version");
        this.version = (versionRecord.isPresent() ? versionRecord : textRecord(".data/version"))
                .orElse(null);
        String pickleName = root + "/data.pkl";
        byte[] pickle = readSmallRecord(zip.getEntry(pickleName), MAX_PICKLE_BYTES);
        Unpickler.Loaded loaded = Unpickler.load(pickle, source + " (" + pickleName + ")",
                this::persistentLoad);
        this.content = loaded.value();
        this.pickleProtocol = loaded.protocol();
        checkStorageRecords();
    }

    /** Opens a torch.save zip archive and unpickles its {@code data.pkl}; reads no tensor data. */
    public static TorchArchive open(Path file) throws IOException {
        CheckpointFormat format = CheckpointFormat.detect(file);
        if (format != CheckpointFormat.TORCH_ZIP) {
            throw new CheckpointException(file.toString(), format.refusal());
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new CheckpointException(file.toString(), "not a readable zip archive (truncated"
                    + " or corrupt): " + e.getMessage(), e);
        }
        try {
            return new TorchArchive(file, zip);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------- layout

    private String findRoot() throws CheckpointException {
        List<String> names = new ArrayList<>();
        List<String> pickles = new ArrayList<>();
        zip.stream().forEach(e -> {
            names.add(e.getName());
            int slash = e.getName().indexOf('/');
            if (slash > 0 && e.getName().substring(slash).equals("/data.pkl")) {
                pickles.add(e.getName());
            }
        });
        if (pickles.size() == 1) {
            return pickles.getFirst().substring(0, pickles.getFirst().indexOf('/'));
        }
        if (pickles.size() > 1) {
            throw new CheckpointException(source, "several data.pkl records " + pickles
                    + ": expected one archive root");
        }
        boolean torchScript = names.stream().anyMatch(n -> n.endsWith("/constants.pkl")
                || n.contains("/code/"));
        if (torchScript) {
            throw new CheckpointException(source, "this is a TorchScript archive (torch.jit.save),"
                    + " which jclef does not read; save the model's state_dict with torch.save");
        }
        List<String> shown = names.subList(0, Math.min(5, names.size()));
        throw new CheckpointException(source, "no <root>/data.pkl record: not a torch.save"
                + " archive (" + names.size() + " entries" + (shown.isEmpty() ? "" : ", first " + shown)
                + ")");
    }

    private Optional<String> textRecord(String name) throws CheckpointException {
        ZipEntry entry = zip.getEntry(root + "/" + name);
        if (entry == null) {
            return Optional.empty();
        }
        byte[] bytes = readSmallRecord(entry, MAX_TEXT_RECORD_BYTES);
        return Optional.of(new String(bytes, StandardCharsets.UTF_8).strip());
    }

    private byte[] readSmallRecord(ZipEntry entry, int limit) throws CheckpointException {
        checkPlausibleSize(entry, entry.getSize());
        if (entry.getSize() > limit) {
            throw new CheckpointException(source, "record " + entry.getName() + " holds "
                    + entry.getSize() + " bytes, more than the " + limit + " expected");
        }
        try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(entry), new CRC32())) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length != entry.getSize()) {
                throw new CheckpointException(source, "record " + entry.getName() + " should hold "
                        + entry.getSize() + " bytes but " + (bytes.length > limit ? "holds more"
                        : "ends after " + bytes.length) + " (truncated or corrupt archive)");
            }
            checkCrc(entry, in.getChecksum().getValue());
            return bytes;
        } catch (ZipException e) {
            throw new CheckpointException(source, "cannot read record " + entry.getName()
                    + " (corrupt archive): " + e.getMessage(), e);
        } catch (IOException e) {
            if (e instanceof CheckpointException c) {
                throw c;
            }
            throw new CheckpointException(source, "cannot read record " + entry.getName()
                    + ": " + e.getMessage(), e);
        }
    }

    /** A record's declared size must be possible given the file's length and its compression. */
    private void checkPlausibleSize(ZipEntry entry, long declared) throws CheckpointException {
        long compressed = entry.getCompressedSize();
        boolean plausible = declared >= 0 && compressed >= 0 && compressed <= fileSize
                && (entry.getMethod() == ZipEntry.STORED
                ? declared == compressed
                : declared <= compressed * MAX_DEFLATE_RATIO + MAX_TEXT_RECORD_BYTES);
        if (!plausible) {
            throw new CheckpointException(source, "record " + entry.getName() + " declares "
                    + declared + " bytes (" + compressed + " compressed) in a file of " + fileSize
                    + " bytes (truncated or corrupt archive)");
        }
    }

    /**
     * Compares a record's CRC-32 with the central directory's. A zero there on a non-empty record
     * means the writer skipped the checksum (torch.serialization.set_crc32_options(False)).
     */
    private void checkCrc(ZipEntry entry, long actual) throws CheckpointException {
        long declared = entry.getCrc();
        if (declared != actual && !(declared == 0 && entry.getSize() > 0)) {
            throw new CheckpointException(source, String.format(Locale.ROOT,
                    "record %s fails its CRC-32 check (stored %08x, computed %08x): corrupt archive",
                    entry.getName(), declared, actual));
        }
    }

    // ---------------------------------------------------------------- storages

    /** torch's persistent id: ('storage', storage class, key, location, numel[, None]). */
    private Object persistentLoad(Object pid) {
        if (!(pid instanceof PickleTuple t) || t.size() < 5 || t.size() > 6
                || !"storage".equals(t.get(0))) {
            throw new IllegalArgumentException("persistent id " + PickleValues.brief(pid)
                    + " is not a ('storage', type, key, location, numel) tuple");
        }
        PickleGlobals.StorageClass storageClass = Unpickler.storageClass(t.get(1));
        if (!(t.get(2) instanceof String key) || !(t.get(3) instanceof String location)
                || !(t.get(4) instanceof Long numel) || numel < 0) {
            throw new IllegalArgumentException("persistent id (" + PickleValues.brief(t.get(2))
                    + ", " + PickleValues.brief(t.get(3)) + ", " + PickleValues.brief(t.get(4))
                    + ") should be a str key, a str location and a non-negative int numel");
        }
        if (t.size() == 6 && t.get(5) != null) {
            throw new IllegalArgumentException("storage '" + key + "' is a legacy storage view,"
                    + " which is not supported");
        }
        StorageRef ref = storageClass.untyped()
                ? new StorageRef(key, TorchDType.UINT8, numel, location, true)
                : new StorageRef(key, storageClass.dtype(), numel, location, false);
        StorageRef previous = storages.putIfAbsent(key, ref);
        if (previous != null && !previous.equals(ref)) {
            throw new IllegalArgumentException("storage '" + key + "' is declared twice, as "
                    + describe(previous) + " and as " + describe(ref));
        }
        return previous != null ? previous : ref;
    }

    private static String describe(StorageRef s) {
        return s.numel() + (s.untyped() ? " bytes" : " " + s.dtype() + " elements");
    }

    private void checkStorageRecords() throws CheckpointException {
        for (StorageRef storage : storages.values()) {
            String name = storageRecordName(storage);
            ZipEntry entry = zip.getEntry(name);
            if (entry == null) {
                throw new CheckpointException(source, "missing record " + name + " for storage '"
                        + storage.key() + "' (" + describe(storage) + ") named in data.pkl");
            }
            long expected;
            try {
                expected = storage.byteSize();
            } catch (ArithmeticException e) {
                expected = -1;
            }
            if (entry.getSize() != expected) {
                throw new CheckpointException(source, "record " + name + " holds "
                        + entry.getSize() + " bytes but data.pkl declares " + describe(storage)
                        + (expected >= 0 ? " (" + expected + " bytes)" : ""));
            }
            checkPlausibleSize(entry, expected);
        }
    }

    private String storageRecordName(StorageRef storage) {
        return root + "/data/" + storage.key();
    }

    /** A storage record decoded as {@code dtype}: a float[], double[] or long[]. */
    private record DecodedStorage(TorchDType dtype, Object data) {
    }

    /** The decoded elements of {@code storage}, read once; one record is read as one type only. */
    private Object storageData(StorageRef storage) throws CheckpointException {
        DecodedStorage cached = loadedStorages.get(storage.key());
        if (cached != null) {
            if (cached.dtype() != storage.dtype()) {
                throw new CheckpointException(source, "storage '" + storage.key() + "' is viewed"
                        + " both as " + cached.dtype() + " and as " + storage.dtype()
                        + ", which torch.save never writes");
            }
            return cached.data();
        }
        if (storage.numel() > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(source, "storage '" + storage.key() + "' holds "
                    + storage.numel() + " elements, more than a Java array can");
        }
        ZipEntry entry = zip.getEntry(storageRecordName(storage));
        Object decoded;
        try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(entry), new CRC32())) {
            decoded = StorageDecoder.decode(in, storage.dtype(), (int) storage.numel(), source,
                    "record " + entry.getName());
            checkCrc(entry, in.getChecksum().getValue());
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointException(source, "cannot read record " + entry.getName()
                    + " (corrupt archive): " + e.getMessage(), e);
        }
        loadedStorages.put(storage.key(), new DecodedStorage(storage.dtype(), decoded));
        return decoded;
    }

    // ---------------------------------------------------------------- tensors

    /**
     * Reads the tensor {@code ref} describes; {@code name} labels it in messages. Float32 and
     * float64 contiguous views share storage with other views of the same PyTorch storage.
     */
    public Tensor tensor(String name, TensorRef ref) throws CheckpointException {
        long numel = ref.numel();
        if (numel > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(source, "tensor '" + name + "' has " + numel
                    + " elements, more than a jclef tensor can hold");
        }
        int[] shape = ref.shape();
        if (numel == 0) {
            return Tensor.zeros(ref.dtype().loadedAs(), shape);
        }
        Object data = storageData(ref.storage());
        int n = (int) numel;
        return switch (data) {
            case float[] f -> ref.isContiguous()
                    ? sharedView(f, (int) ref.offset(), n, shape)
                    : Tensor.of(gather(f, storageIndices(ref, n)), shape);
            case double[] d -> ref.isContiguous()
                    ? sharedView(d, (int) ref.offset(), n, shape)
                    : Tensor.of(gather(d, storageIndices(ref, n)), shape);
            case long[] l -> Tensor.of(exactDoubles(name, ref, l, storageIndices(ref, n)), shape);
            default -> throw new IllegalStateException("decoded storage of " + data.getClass());
        };
    }

    /** A view of the storage's one base tensor, so that all views share one jclef Storage. */
    private Tensor sharedView(Object array, int offset, int n, int[] shape) {
        Tensor base = baseTensors.computeIfAbsent(array, a -> a instanceof float[] f
                ? Tensor.of(f, f.length) : Tensor.of((double[]) a, ((double[]) a).length));
        return base.slice(offset, offset + n).reshape(shape);
    }

    /** Storage index of each element of {@code ref} in row-major order. */
    static int[] storageIndices(TensorRef ref, int n) {
        int[] shape = ref.shape();
        long[] stride = ref.stride();
        int rank = shape.length;
        int[] out = new int[n];
        int[] index = new int[rank];
        long at = ref.offset();
        for (int i = 0; i < n; i++) {
            out[i] = (int) at;
            for (int a = rank - 1; a >= 0; a--) {
                if (++index[a] < shape[a]) {
                    at += stride[a];
                    break;
                }
                at -= (long) (shape[a] - 1) * stride[a];
                index[a] = 0;
            }
        }
        return out;
    }

    private static float[] gather(float[] src, int[] at) {
        float[] out = new float[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = src[at[i]];
        }
        return out;
    }

    private static double[] gather(double[] src, int[] at) {
        double[] out = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = src[at[i]];
        }
        return out;
    }

    private double[] exactDoubles(String name, TensorRef ref, long[] src, int[] at)
            throws CheckpointException {
        double[] out = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            long v = src[at[i]];
            if (v > EXACT_LIMIT || v < -EXACT_LIMIT) {
                throw new CheckpointException(source, "tensor '" + name + "' (" + ref.dtype()
                        + ") holds " + v + " at flat index " + i + ", which float64 cannot"
                        + " represent exactly; jclef loads integer tensors as F64");
            }
            out[i] = v;
        }
        return out;
    }

    // ---------------------------------------------------------------- accessors

    public Path file() {
        return file;
    }

    /** The archive's top directory: the file stem, or "archive". */
    public String root() {
        return root;
    }

    /** The archive format version record ("3"), if present. */
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    public String byteOrder() {
        return byteOrder;
    }

    /** The pickle protocol data.pkl declares (2 unless torch.save was given pickle_protocol). */
    public int pickleProtocol() {
        return pickleProtocol;
    }

    /** The unpickled object, tensors as {@link TensorRef}s. */
    public Object content() {
        return content;
    }

    /** Every storage data.pkl names, by key, in first-use order. */
    public Map<String, StorageRef> storages() {
        return Collections.unmodifiableMap(storages);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (torch.save archive, root '%s', %d storages)",
                source, root, storages.size());
    }
}
