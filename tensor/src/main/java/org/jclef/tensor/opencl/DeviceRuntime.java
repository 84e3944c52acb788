package org.jclef.tensor.opencl;

import com.aparapi.Config;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import java.lang.System.Logger.Level;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jclef.tensor.DeviceMirror;
import org.jclef.tensor.Storage;
import org.jclef.tensor.Tensor;

/**
 * The process's one OpenCL device: the {@link ClefKernel} instance that owns every device
 * buffer, the arena of device-resident tensors, and the transfers at its boundary.
 *
 * <p><b>Residency.</b> A {@link Storage} used on the device gets an {@link ArenaMirror}: a block
 * of the arena holding its copy. Inputs are uploaded only when the device copy is stale (and
 * storages that still hold their allocation zeros are cleared on the device instead); outputs
 * are marked device-newer and downloaded only when the host reads them ({@link Storage}'s
 * protocol). Uploads and downloads go through a staging array of a matching size class, with
 * an explicit {@code put}/{@code get}: the arena itself never crosses the bus except when it grows.
 * A block is freed when its storage becomes unreachable (a phantom reference, drained on the
 * allocating thread, so no other thread touches the arena).
 *
 * <p><b>Aparapi behaviour this relies on, checked on PoCL 3.1 with Aparapi 3.0.2:</b>
 * <ul>
 *   <li>Explicit mode: no array crosses the bus unless {@code put}/{@code get} asks, except that a
 *       field pointed at a new array gets a new device buffer initialised from the host array.</li>
 *   <li>{@code setSharedMemory(false)}: buffers are created with {@code CL_MEM_COPY_HOST_PTR}
 *       (Aparapi's default, {@code USE_HOST_PTR}, lets a CPU device compute in the Java array
 *       itself, so PoCL would hide host/device mix-ups that a GPU would not forgive).</li>
 *   <li>Aparapi re-creates a device buffer from the host array if the JVM moved the array between
 *       two launches. The arena is allocated large (a G1 humongous object, which G1 moves only in
 *       a last-ditch full collection), and a canary written only on the device
 *       ({@link ClefKernel#CANARY_VALUE}) travels with every download, so a rebuilt arena is
 *       reported instead of silently computing on stale data.</li>
 *   <li>{@code get} ignores failures; the canary check also catches that.</li>
 *   <li>Aparapi falls back to Java threads, or throws, when the kernel cannot run on the device.
 *       Every launch checks {@code isRunningCL()} and fails loudly otherwise.</li>
 * </ul>
 *
 * <p>System properties: {@code jclef.opencl.device} (a substring of the device or platform name),
 * {@code jclef.opencl.arenaMiB} (initial arena, default 32), {@code jclef.opencl.arenaMaxMiB}
 * (growth limit; default the smallest of the device's largest allocation, a quarter of the Java
 * heap, and Aparapi's 2 GiB per buffer), {@code jclef.opencl.workGroup} (caps the work-group
 * size, otherwise the kernel's limit or 256).
 */
final class DeviceRuntime {
    static final String DEVICE_PROPERTY = "jclef.opencl.device";
    static final String ARENA_PROPERTY = "jclef.opencl.arenaMiB";
    static final String ARENA_MAX_PROPERTY = "jclef.opencl.arenaMaxMiB";
    static final String WORK_GROUP_PROPERTY = "jclef.opencl.workGroup";

    private static final System.Logger LOG = System.getLogger("org.jclef.tensor");
    private static final int FLOATS_PER_MIB = 1 << 18;
    private static final int DEFAULT_ARENA_MIB = 32;
    /** Aparapi sizes buffers in a signed 32-bit byte count. */
    private static final int APARAPI_MAX_FLOATS = Integer.MAX_VALUE / Float.BYTES / Arena.ALIGNMENT * Arena.ALIGNMENT;
    private static final int MIN_STAGE = 1024;
    private static final int CACHED_STAGE = 1 << 22;
    /** Held so that the JUL logger carrying our handler is not collected (JUL keeps loggers weakly). */
    private static final Logger APARAPI_LOG = Logger.getLogger("com.aparapi");

    private static DeviceRuntime instance;
    private static IllegalStateException startFailure;

    static {
        // Aparapi's Config initialiser sets every root logging handler to its own level (WARNING by
        // default), which would silence the INFO lines of the whole application, ours included.
        // Load it here, first, and put the handlers back as they were.
        Handler[] handlers = Logger.getLogger("").getHandlers();
        java.util.logging.Level[] levels = new java.util.logging.Level[handlers.length];
        for (int i = 0; i < handlers.length; i++) {
            levels[i] = handlers[i].getLevel();
        }
        Config.getLoggerName();
        for (int i = 0; i < handlers.length; i++) {
            handlers[i].setLevel(levels[i]);
        }
    }

    private final OpenCLDevice device;
    private final ClefKernel kernel = new ClefKernel();
    private final AparapiWarnings warnings = new AparapiWarnings();
    private final Arena arena;
    private final int maxCapacity;
    private final int groupSize;
    private final int tile;
    private final Map<Integer, float[]> stages = new HashMap<>();
    private final ReferenceQueue<Storage> released = new ReferenceQueue<>();
    private final Set<Block> blocks = new HashSet<>();
    private final String description;
    private long uploads;
    private long clears;
    private long downloads;

    /** The process's runtime, started on first use; throws (every time) if OpenCL cannot run here. */
    static synchronized DeviceRuntime instance() {
        if (instance == null) {
            if (startFailure != null) {
                throw new IllegalStateException(startFailure.getMessage(), startFailure);
            }
            try {
                instance = new DeviceRuntime();
            } catch (IllegalStateException e) {
                startFailure = e;
                throw e;
            }
            LOG.log(Level.INFO, "jclef opencl: " + instance.description);
        }
        return instance;
    }

    /** Every OpenCL device Aparapi can see, or an empty list when there is no OpenCL platform. */
    static List<OpenCLDevice> listDevices() {
        try {
            return OpenCLDevice.listDevices(null);
        } catch (RuntimeException | LinkageError e) {
            return List.of();
        }
    }

    private DeviceRuntime() {
        List<OpenCLDevice> all = listDevices();
        if (all.isEmpty()) {
            throw new IllegalStateException("opencl backend: no OpenCL device found. Install an OpenCL "
                    + "driver (the GPU vendor's, or pocl-opencl-icd for the CPU) and the ICD loader "
                    + "libOpenCL.so.1 (ocl-icd-libopencl1); `clinfo` lists what the system sees");
        }
        device = choose(all);
        device.setSharedMemory(false);
        int initial = Math.min(megabytesProperty(ARENA_PROPERTY, DEFAULT_ARENA_MIB), APARAPI_MAX_FLOATS);
        maxCapacity = Math.max(initial, maxCapacity(device));
        arena = new Arena(initial);
        kernel.mem = new float[initial];
        kernel.stage = stage(MIN_STAGE);
        kernel.setExplicit(true);
        APARAPI_LOG.addHandler(warnings);
        launch("start-up (kernel compilation)", ClefKernel.MARK_CANARY, 1, 1);
        int kernelMax;
        try {
            kernelMax = kernel.getKernelMaxWorkGroupSize(device);
        } catch (Exception e) {
            throw new IllegalStateException("opencl backend: cannot query the kernel's work-group limit on "
                    + device.getName() + ": " + e.getMessage(), e);
        }
        groupSize = Integer.highestOneBit(Math.max(1, Math.min(Math.min(ClefKernel.LOCAL_CAPACITY, workGroupCap()),
                Math.min(kernelMax, device.getMaxWorkGroupSize()))));
        tile = groupSize >= 256 ? 16 : groupSize >= 64 ? 8 : groupSize >= 16 ? 4 : 1;
        description = describe(device) + "; work-group " + groupSize + ", GEMM tile " + tile + "x" + tile
                + ", arena " + mib(initial) + " MiB (grows to " + mib(maxCapacity) + " MiB)";
    }

    // ---------------------------------------------------------------- device choice

    private static OpenCLDevice choose(List<OpenCLDevice> all) {
        String wanted = System.getProperty(DEVICE_PROPERTY);
        List<OpenCLDevice> candidates = new ArrayList<>(all);
        if (wanted != null && !wanted.isBlank()) {
            String w = wanted.trim().toLowerCase(Locale.ROOT);
            candidates.removeIf(d -> !(d.getName() + " " + d.getOpenCLPlatform().getName())
                    .toLowerCase(Locale.ROOT).contains(w));
            if (candidates.isEmpty()) {
                StringBuilder names = new StringBuilder();
                for (OpenCLDevice d : all) {
                    names.append(names.isEmpty() ? "" : ", ").append(describe(d));
                }
                throw new IllegalStateException("-D" + DEVICE_PROPERTY + "=" + wanted
                        + " matches no OpenCL device; available: " + names);
            }
        }
        candidates.sort(Comparator.comparingInt((OpenCLDevice d) -> typeRank(d.getType()))
                .thenComparing(Comparator.comparingInt(OpenCLDevice::getMaxComputeUnits).reversed()));
        return candidates.get(0);
    }

    private static int typeRank(Device.TYPE type) {
        return switch (type) {
            case GPU -> 0;
            case ACC -> 1;
            case CPU -> 2;
            default -> 3;
        };
    }

    private static String describe(OpenCLDevice d) {
        return d.getName().trim() + " (" + d.getType() + ", " + d.getMaxComputeUnits() + " compute units, "
                + (d.getGlobalMemSize() >> 20) + " MiB, platform " + d.getOpenCLPlatform().getName().trim()
                + " " + d.getOpenCLPlatform().getVersion().trim() + ")";
    }

    private static int maxCapacity(OpenCLDevice d) {
        if (System.getProperty(ARENA_MAX_PROPERTY) != null) {
            return Math.min(megabytesProperty(ARENA_MAX_PROPERTY, 0), APARAPI_MAX_FLOATS);
        }
        long floats = Math.min(d.getMaxMemAllocSize(), Runtime.getRuntime().maxMemory() / 4) / Float.BYTES;
        floats = Math.min(floats, APARAPI_MAX_FLOATS);
        return (int) (floats / FLOATS_PER_MIB * FLOATS_PER_MIB);
    }

    /** The work-group size limit from {@code jclef.opencl.workGroup} (for tuning and for testing small groups). */
    private static int workGroupCap() {
        String value = System.getProperty(WORK_GROUP_PROPERTY);
        if (value == null || value.isBlank()) {
            return ClefKernel.LOCAL_CAPACITY;
        }
        try {
            int cap = Integer.parseInt(value.trim());
            if (cap >= 1) {
                return cap;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the expected form
        }
        throw new IllegalArgumentException("-D" + WORK_GROUP_PROPERTY + "=" + value + ": expected a positive integer");
    }

    /** A size property in MiB, as floats. */
    private static int megabytesProperty(String name, int defaultMiB) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return defaultMiB * FLOATS_PER_MIB;
        }
        try {
            int mib = Integer.parseInt(value.trim());
            if (mib >= 1 && mib <= 2047) {
                return mib * FLOATS_PER_MIB;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the expected form
        }
        throw new IllegalArgumentException("-D" + name + "=" + value + ": expected a size in MiB from 1 to 2047");
    }

    private static long mib(int floats) {
        return (long) floats * Float.BYTES >> 20;
    }

    // ---------------------------------------------------------------- facts for logs and tests

    /** The device, its limits and the arena, as logged at start-up. */
    String description() {
        return description;
    }

    /** Whether the last launch ran as OpenCL on the device (always true after a successful launch). */
    boolean runningOnDevice() {
        return kernel.isRunningCL();
    }

    int groupSize() {
        return groupSize;
    }

    int tile() {
        return tile;
    }

    /** Host → device copies of storages so far. */
    synchronized long uploads() {
        return uploads;
    }

    /** Storages whose stale device copy was cleared on the device instead of uploaded (host zeros). */
    synchronized long clears() {
        return clears;
    }

    /** Device → host copies of storages so far. */
    synchronized long downloads() {
        return downloads;
    }

    synchronized int arenaCapacity() {
        return arena.capacity();
    }

    synchronized long arenaInUse() {
        drainReleased();
        return arena.inUse();
    }

    /** The kernel whose fields an operation sets before {@link #launch}; callers hold this runtime's lock. */
    ClefKernel kernel() {
        return kernel;
    }

    // ---------------------------------------------------------------- operands

    /**
     * Arena index of {@code t}'s first element for reading, uploading its storage first if the
     * device copy is missing or stale. Callers hold this runtime's lock.
     */
    int in(Tensor t) {
        ArenaMirror m = mirror(t.storage());
        if (!m.deviceValid) {
            refresh(m, t.storage());
            m.deviceValid = true;
        }
        return m.offset + t.offset();
    }

    /**
     * Arena index of {@code t}'s first element for writing. An operation that overwrites every
     * element of a tensor spanning its whole storage skips the upload of a stale device copy;
     * accumulating operations and views need it. Follow the launch with {@link #wrote}.
     */
    int out(Tensor t, boolean overwrites) {
        Storage s = t.storage();
        ArenaMirror m = mirror(s);
        if (!m.deviceValid) {
            boolean whole = t.offset() == 0 && t.size() == s.length();
            if (!(overwrites && whole)) {
                refresh(m, s);
            }
            m.deviceValid = true;
        }
        return m.offset + t.offset();
    }

    /** Marks {@code t}'s storage as newer on the device than on the host. */
    void wrote(Tensor t) {
        t.storage().markDeviceNewer();
    }

    private ArenaMirror mirror(Storage s) {
        DeviceMirror existing = s.mirror();
        if (existing instanceof ArenaMirror m && m.runtime() == this) {
            return m;
        }
        if (existing != null) {
            throw new IllegalStateException("opencl backend: storage is already mirrored by " + existing);
        }
        int length = s.length();
        int offset = allocate(length);
        ArenaMirror m = new ArenaMirror(offset, length);
        s.attachMirror(m);
        blocks.add(new Block(s, released, offset, length));
        return m;
    }

    /** A storage's block of the arena. */
    private final class ArenaMirror implements DeviceMirror {
        final int offset;
        final int length;
        boolean deviceValid;

        ArenaMirror(int offset, int length) {
            this.offset = offset;
            this.length = length;
        }

        DeviceRuntime runtime() {
            return DeviceRuntime.this;
        }

        @Override
        public void download(float[] host) {
            DeviceRuntime.this.download(this, host);
        }

        @Override
        public void hostChanged() {
            deviceValid = false;
        }

        @Override
        public String toString() {
            return "opencl arena block [" + offset + ", " + (offset + length) + ")";
        }
    }

    /** Frees a storage's block once the storage is unreachable. */
    private static final class Block extends PhantomReference<Storage> {
        final int offset;
        final int length;

        Block(Storage storage, ReferenceQueue<Storage> queue, int offset, int length) {
            super(storage, queue);
            this.offset = offset;
            this.length = length;
        }
    }

    // ---------------------------------------------------------------- arena

    private int allocate(int length) {
        drainReleased();
        int offset = arena.allocate(length);
        if (offset >= 0) {
            return offset;
        }
        int needed = Arena.blockSize(length);
        if (arena.capacity() < maxCapacity) {
            long target = Math.max(2L * arena.capacity(), (long) arena.capacity() + needed);
            target = (target + FLOATS_PER_MIB - 1) / FLOATS_PER_MIB * FLOATS_PER_MIB;
            grow((int) Math.min(target, maxCapacity));
            offset = arena.allocate(length);
        }
        for (int attempt = 0; offset < 0 && attempt < 3; attempt++) {
            System.gc();
            awaitReleased();
            offset = arena.allocate(length);
        }
        if (offset < 0) {
            throw new IllegalStateException("opencl backend: device arena full: a tensor of " + length
                    + " floats does not fit; " + mib((int) Math.min(arena.inUse(), Integer.MAX_VALUE))
                    + " MiB of " + mib(arena.capacity()) + " MiB are held by live tensors (the largest free range "
                    + "is " + arena.largestFree() + " floats). Raise -D" + ARENA_MAX_PROPERTY + " (now "
                    + mib(maxCapacity) + ", at most 2047) or use smaller batches");
        }
        return offset;
    }

    private void drainReleased() {
        for (Reference<? extends Storage> r = released.poll(); r != null; r = released.poll()) {
            release((Block) r);
        }
    }

    private void awaitReleased() {
        try {
            for (Reference<? extends Storage> r = released.remove(100); r != null; r = released.remove(20)) {
                release((Block) r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void release(Block block) {
        if (blocks.remove(block)) {
            arena.free(block.offset, block.length);
        }
    }

    /**
     * Enlarges the arena: the device contents come back to the host shadow once, are copied into a
     * larger array, and that array becomes the new device buffer. Offsets stay valid.
     */
    private void grow(int newCapacity) {
        float[] old = kernel.mem;
        kernel.get(old);
        if (old[ClefKernel.CANARY_SLOT] != ClefKernel.CANARY_VALUE) {
            throw arenaLost();
        }
        float[] larger = Arrays.copyOf(old, newCapacity);
        larger[ClefKernel.CANARY_SLOT] = 0f;
        kernel.mem = larger;
        arena.grow(newCapacity);
        launch("arena growth", ClefKernel.MARK_CANARY, 1, 1);
        LOG.log(Level.DEBUG, "jclef opencl: arena grown to " + mib(newCapacity) + " MiB");
    }

    private IllegalStateException arenaLost() {
        return new IllegalStateException("opencl backend: the device arena no longer holds what the kernels "
                + "wrote (canary missing): the JVM probably moved the arena array and Aparapi rebuilt the device "
                + "buffer from the stale host copy, or a transfer failed. Device-resident tensors are lost. Run "
                + "with G1 (the default collector; -XX:+UseG1GC) and enough heap that no last-ditch full GC occurs");
    }

    // ---------------------------------------------------------------- transfers

    /**
     * A staging array of at least {@code length} floats. Sizes come in eight classes per power of
     * two, so a transfer moves at most 12.5% more than it needs; arrays up to
     * {@link #CACHED_STAGE} floats are kept for reuse, larger ones only while they are bound.
     */
    private float[] stage(int length) {
        int n = Math.max(MIN_STAGE, length);
        int step = Math.max(1, Integer.highestOneBit(n) >> 3);
        int size = (int) Math.min(Integer.MAX_VALUE, ((long) n + step - 1) / step * step);
        if (size <= CACHED_STAGE) {
            return stages.computeIfAbsent(size, float[]::new);
        }
        return kernel.stage != null && kernel.stage.length == size ? kernel.stage : new float[size];
    }

    /** Brings a stale device copy up to date: zeros are written on the device, anything else is uploaded. */
    private void refresh(ArenaMirror m, Storage s) {
        if (s.hostZeros()) {
            kernel.offC = m.offset;
            kernel.shift = 0f;
            elementwise("clear", ClefKernel.FILL, m.length);
            clears++;
        } else {
            upload(m, s.floatsUnsynced());
        }
    }

    private void upload(ArenaMirror m, float[] host) {
        float[] stage = stage(m.length);
        System.arraycopy(host, 0, stage, 0, m.length);
        kernel.stage = stage;
        kernel.put(stage);
        kernel.offA = m.offset;
        kernel.count = m.length;
        launch("upload", ClefKernel.COPY_IN, m.length, groupSize);
        uploads++;
    }

    private synchronized void download(ArenaMirror m, float[] host) {
        float[] stage = stage(m.length + 1);
        kernel.stage = stage;
        kernel.offA = m.offset;
        kernel.count = m.length;
        launch("download", ClefKernel.COPY_OUT, m.length + 1L, groupSize);
        stage[m.length] = 0f;
        kernel.get(stage);
        if (stage[m.length] != ClefKernel.CANARY_VALUE) {
            throw arenaLost();
        }
        System.arraycopy(stage, 0, host, 0, m.length);
        downloads++;
    }

    /** Copies {@code values} into {@link ClefKernel#meta} and sends it to the device. */
    void meta(String what, int[] values) {
        if (values.length > ClefKernel.META_CAPACITY) {
            throw new IllegalArgumentException("opencl " + what + ": index layout of " + values.length
                    + " ints exceeds " + ClefKernel.META_CAPACITY + " (rank too high)");
        }
        System.arraycopy(values, 0, kernel.meta, 0, values.length);
        kernel.put(kernel.meta);
    }

    // ---------------------------------------------------------------- launches

    /** Runs {@code op} over {@code workItems} work-items in groups of {@code local} (a divisor is padded in). */
    void launch(String what, int op, long workItems, int local) {
        if (workItems <= 0) {
            return;
        }
        long global = (workItems + local - 1) / local * local;
        if (global > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("opencl " + what + ": needs " + global
                    + " work-items, more than one launch can address");
        }
        kernel.op = op;
        warnings.clear();
        try {
            kernel.execute(device.createRange((int) global, local));
        } catch (RuntimeException | AssertionError e) {
            throw failed(what, e);
        }
        if (!kernel.isRunningCL()) {
            throw failed(what, null);
        }
    }

    /** {@link #launch} with one work-item per element, in groups of {@link #groupSize}. */
    void elementwise(String what, int op, int count) {
        kernel.count = count;
        launch(what, op, count, groupSize);
    }

    private IllegalStateException failed(String what, Throwable cause) {
        String reason = warnings.text();
        return new IllegalStateException("opencl backend: " + what + " did not run on the OpenCL device "
                + device.getName().trim() + " (Aparapi " + (cause == null ? "fell back to " + kernel.getTargetDevice()
                : "failed: " + cause) + ")" + (reason.isEmpty() ? "" : "; Aparapi said: " + reason), cause);
    }

    /** Collects Aparapi's warnings (they explain fallbacks and compile errors) for error messages. */
    private static final class AparapiWarnings extends Handler {
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue() && text.length() < 4000) {
                text.append(text.isEmpty() ? "" : " | ").append(record.getMessage());
            }
        }

        synchronized void clear() {
            text.setLength(0);
        }

        synchronized String text() {
            return text.toString();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
