package org.jclef.clef.bench;

/**
 * One repeatable unit of work to time: a train step, an embedding, a convolution pass. Set-up
 * (allocation, weight initialisation) happens before; {@link #run()} is what is measured.
 */
public interface Workload {

    /** One line saying what runs, at which shape, on which backend. */
    String description();

    /** Counted FLOPs of one {@link #run()} (2 per multiply-add), for GFLOP/s. */
    double flops();

    /** Does the work once. */
    void run();
}
