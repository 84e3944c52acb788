package org.jclef.clef.loss;

/**
 * Settings of the MoCo baseline (spec §4.7); {@link #defaults()} is the reference's.
 *
 * @param temperature τ of the logits (0.07)
 * @param momentum m of the key encoder's EMA (0.999)
 * @param queueSize K, the number of negative keys kept (65,536)
 * @param enqueue how many times each step's keys enter the queue
 */
public record MocoConfig(double temperature, double momentum, int queueSize, Enqueue enqueue) {
    public static final double DEFAULT_TEMPERATURE = 0.07;
    public static final double DEFAULT_MOMENTUM = 0.999;
    public static final int DEFAULT_QUEUE_SIZE = 65_536;

    /** How a step's key batch is added to the queue. */
    public enum Enqueue {
        /** Once per step: MoCo as published. */
        ONCE(1),
        /**
         * Twice per step, the reference's quirk (spec §9.2 item 4, the default here): the queue then
         * holds K/2 distinct recent keys, each twice, and advances by 2B per step.
         */
        TWICE(2);

        private final int times;

        Enqueue(int times) {
            this.times = times;
        }

        /** Number of copies of each key batch added per step. */
        public int times() {
            return times;
        }
    }

    public MocoConfig {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("MocoConfig: temperature " + temperature + " must be positive and finite");
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("MocoConfig: momentum " + momentum + " must lie in [0, 1]");
        }
        if (queueSize < 1) {
            throw new IllegalArgumentException("MocoConfig: queue size " + queueSize + " must be at least 1");
        }
        if (enqueue == null) {
            throw new IllegalArgumentException("MocoConfig: enqueue policy is null");
        }
    }

    /** τ = 0.07, m = 0.999, K = 65,536, keys enqueued twice per step (the reference). */
    public static MocoConfig defaults() {
        return new MocoConfig(DEFAULT_TEMPERATURE, DEFAULT_MOMENTUM, DEFAULT_QUEUE_SIZE, Enqueue.TWICE);
    }

    public MocoConfig withQueueSize(int size) {
        return new MocoConfig(temperature, momentum, size, enqueue);
    }

    public MocoConfig withEnqueue(Enqueue policy) {
        return new MocoConfig(temperature, momentum, queueSize, policy);
    }
}
