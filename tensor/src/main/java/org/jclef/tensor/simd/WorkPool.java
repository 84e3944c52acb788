package org.jclef.tensor.simd;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of threads that runs the numbered tasks of one kernel call.
 *
 * <p>Determinism comes from the callers: a kernel cuts its work into tasks by the <em>shape</em>
 * alone, and every task writes its own part of the output in a fixed order. Which thread runs a
 * task, and how many threads there are, then cannot change a single bit of the result. The calling
 * thread works too, so a pool of {@code n} threads starts {@code n − 1} helpers.
 */
final class WorkPool {

    /** One numbered piece of a kernel call, given the running thread's scratch buffers. */
    @FunctionalInterface
    interface Task {
        void run(int index, Scratch scratch);
    }

    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final int threads;
    private final ExecutorService helpers;

    WorkPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("simd backend: thread count must be >= 1, got " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            helpers = null;
        } else {
            int pool = POOL_IDS.incrementAndGet();
            AtomicInteger ids = new AtomicInteger();
            helpers = Executors.newFixedThreadPool(threads - 1, r -> {
                Thread t = new Thread(r, "jclef-simd-" + pool + "-" + ids.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    int threads() {
        return threads;
    }

    /** Runs tasks {@code 0 … count−1}, each exactly once, and returns when all have finished. */
    void run(int count, Task task) {
        if (count <= 0) {
            return;
        }
        if (count == 1 || helpers == null) {
            Scratch scratch = Scratch.current();
            for (int i = 0; i < count; i++) {
                task.run(i, scratch);
            }
            return;
        }
        Job job = new Job(count, task);
        int wake = Math.min(threads, count) - 1;
        for (int i = 0; i < wake; i++) {
            helpers.execute(job);
        }
        job.run();
        job.await();
    }

    /** The shared state of one {@link #run} call: the next unclaimed task and the unfinished count. */
    private static final class Job implements Runnable {
        private final int count;
        private final Task task;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch unfinished;
        private volatile Throwable failure;

        Job(int count, Task task) {
            this.count = count;
            this.task = task;
            this.unfinished = new CountDownLatch(count);
        }

        @Override
        public void run() {
            Scratch scratch = Scratch.current();
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                try {
                    if (failure == null) {
                        task.run(i, scratch);
                    }
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    unfinished.countDown();
                }
            }
        }

        void await() {
            boolean interrupted = false;
            while (true) {
                try {
                    unfinished.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable t = failure;
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
            if (t != null) {
                throw new IllegalStateException("simd kernel task failed", t);
            }
        }
    }
}
