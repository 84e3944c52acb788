package org.jclef.clef.train;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jclef.clef.augment.ViewSampler;
import org.jclef.clef.io.EcgRecord;
import org.jclef.clef.loss.MetadataMode;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * Produces the training batches in order, ahead of the training step, on a small pool of loader
 * threads: each batch is read, windowed and augmented by one loader while the step runs on the
 * previous one. At most {@code prefetch} batches are in flight; their view tensors come from a
 * fixed set of {@code prefetch + 1} buffers that are reused, so no batch-sized array is allocated
 * per step.
 *
 * <p>Every item's views are drawn from {@link ItemSeeds#views}(seed, epoch, item) and every epoch's
 * order from {@link ItemSeeds#epochOrder}, so the batches do not depend on the number of loaders or
 * on thread scheduling, and a loader started at any (epoch, batch) position yields exactly the
 * batches an uninterrupted run would have seen there.
 */
final class BatchLoader implements AutoCloseable {

    /** Where the batch sequence starts and how many batches it holds. */
    record Span(int epoch, int batch, long batches) {
    }

    /** A reusable view tensor and its host array (obtained on the training thread, see {@link #release}). */
    private static final class Buffer {
        final Tensor tensor;
        float[] array;

        Buffer(Tensor tensor) {
            this.tensor = tensor;
            this.array = tensor.floats();
        }
    }

    private final TrainingSet data;
    private final ClinicalMetadata metadata;
    private final MetadataMode mode;
    private final ViewSampler sampler;
    private final EpochPlan plan;
    private final int window;
    private final int prefetch;
    private final Consumer<String> warnings;
    private final ExecutorService pool;
    private final BlockingQueue<Buffer> free;
    private final ArrayDeque<Future<Loaded>> pending = new ArrayDeque<>();
    private final Set<String> warned = new HashSet<>();
    private int nextEpoch;
    private int nextBatch;
    private long toSubmit;
    private int orderEpoch = -1;
    private int[] order;
    private Loaded held;

    private record Loaded(ViewBatch batch, Buffer buffer, List<String> warnings) {
    }

    /**
     * @param loaders  loader threads
     * @param prefetch batches prepared ahead of the one being trained on (at least 1)
     * @param warnings receives each distinct data warning once, on the training thread
     */
    BatchLoader(TrainingSet data, ClinicalMetadata metadata, MetadataMode mode, ViewSampler sampler, EpochPlan plan,
                int window, int loaders, int prefetch, Span span, Consumer<String> warnings) {
        if (loaders < 1 || prefetch < 1) {
            throw new IllegalArgumentException("batch loader: loaders " + loaders + " and prefetch " + prefetch
                    + " must be at least 1");
        }
        this.data = data;
        this.metadata = metadata;
        this.mode = mode;
        this.sampler = sampler;
        this.plan = plan;
        this.window = window;
        this.prefetch = prefetch;
        this.warnings = warnings;
        this.nextEpoch = span.epoch();
        this.nextBatch = span.batch();
        this.toSubmit = span.batches();
        AtomicInteger ids = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(loaders, r -> {
            Thread t = new Thread(r, "jclef-loader-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.free = new ArrayBlockingQueue<>(prefetch + 1);
        int buffers = (int) Math.min(prefetch + 1, span.batches() + 1);
        for (int i = 0; i < buffers; i++) {
            free.add(new Buffer(Tensor.zeros(DType.F32, 2 * plan.batchSize(), 1, window)));
        }
        submit();
    }

    /**
     * The next batch, waiting for its loader if needed. The previous batch's tensor is handed back
     * to the loaders here, so it must no longer be in use.
     *
     * @throws IOException naming the record that could not be read
     */
    ViewBatch next() throws IOException {
        if (held != null) {
            release(held.buffer());
            held = null;
        }
        Future<Loaded> head = pending.poll();
        if (head == null) {
            throw new IllegalStateException("batch loader: no batch left (the run asked for more batches than planned)");
        }
        try {
            held = head.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause.getMessage(), cause);
        }
        for (String w : held.warnings()) {
            if (warned.add(w)) {
                warnings.accept(w);
            }
        }
        submit();
        return held.batch();
    }

    /** Submits batches until {@code prefetch} are in flight or none is left to plan. */
    private void submit() {
        while (pending.size() < prefetch && toSubmit > 0) {
            if (orderEpoch != nextEpoch) {
                order = ItemSeeds.epochOrder(plan.seed(), nextEpoch, plan.items());
                orderEpoch = nextEpoch;
            }
            int epoch = nextEpoch;
            int batch = nextBatch;
            int[] items = plan.batchItems(order, batch);
            Buffer buffer = free.poll();
            if (buffer == null) {
                throw new IllegalStateException("batch loader: no free buffer (every buffer is in flight)");
            }
            pending.add(pool.submit(() -> load(epoch, batch, items, buffer)));
            toSubmit--;
            if (++nextBatch == plan.batchesPerEpoch()) {
                nextBatch = 0;
                nextEpoch++;
            }
        }
    }

    /** Runs on a loader thread: reads and augments every patient of the batch into the buffer. */
    private Loaded load(int epoch, int batch, int[] items, Buffer buffer) throws IOException {
        int b = items.length;
        float[] out = buffer.array;
        List<String> notes = new ArrayList<>();
        for (int p = 0; p < b; p++) {
            TrainingRecord record = data.records().get(items[p]);
            EcgRecord ecg;
            try {
                ecg = record.source().read();
            } catch (IOException | RuntimeException e) {
                throw new IOException("loading record " + record.id() + " (" + record.source().describe() + "): "
                        + e.getMessage(), e);
            }
            RecordWindow w = RecordWindow.extract(record, ecg, window);
            notes.addAll(w.warnings());
            ViewSampler.Views views = sampler.sample(w.leads(), w.names(), ItemSeeds.views(plan.seed(), epoch, items[p]));
            System.arraycopy(views.first(), 0, out, p * window, window);
            System.arraycopy(views.second(), 0, out, (b + p) * window, window);
        }
        Tensor tensor = b == plan.batchSize() ? buffer.tensor : buffer.tensor.slice(0, 2 * b);
        return new Loaded(new ViewBatch(epoch, batch, items, tensor, metadata.batch(items, mode)), buffer, notes);
    }

    /**
     * Returns a buffer to the pool. Its host array is fetched here, on the training thread: that
     * download (for a device backend) and marks the device copy stale, so the next batch written into
     * the array is uploaded before use.
     */
    private void release(Buffer buffer) {
        buffer.array = buffer.tensor.floats();
        free.add(buffer);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
