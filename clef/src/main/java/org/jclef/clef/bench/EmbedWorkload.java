package org.jclef.clef.bench;

import java.util.SplittableRandom;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.model.Net1DConfig;
import org.jclef.tensor.Backend;
import org.jclef.tensor.Backends;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * Inference: the embedding of {@code leads} single-lead recordings of {@code length} samples at
 * once ({@link Net1D#embed(Tensor)}; one lead goes through {@link Net1D#embed(float[])}, the
 * path of {@code jclef embed}), with randomly initialised weights. Installs {@code backend} as the
 * process-wide one.
 */
public final class EmbedWorkload implements Workload {
    private final Net1DConfig config;
    private final int leads;
    private final int length;
    private final Backend backend;
    private final Net1D net;
    private final Tensor batch;
    private final float[] lead;
    private float[] last;

    public EmbedWorkload(Net1DConfig config, int leads, int length, Backend backend) {
        if (leads < 1 || length < 1) {
            throw new IllegalArgumentException("EmbedWorkload: expected at least one lead and one sample, got "
                    + leads + " leads of " + length + " samples");
        }
        this.config = config;
        this.leads = leads;
        this.length = length;
        this.backend = backend;
        Backends.use(backend, "embed benchmark");
        this.net = Net1D.create(config, 42);
        this.batch = Tensor.normal(DType.F32, new SplittableRandom(7), leads, config.inChannels(), length);
        this.lead = leads == 1 && config.inChannels() == 1 ? batch.toFloatArray() : null;
    }

    @Override
    public String description() {
        return "embed " + config.name() + ": " + leads + (leads == 1 ? " lead" : " leads") + " of " + length
                + " samples, D = " + config.embeddingDim() + ", on " + BenchBackends.describe(backend);
    }

    @Override
    public double flops() {
        return Net1DLayers.forwardFlops(config, leads, length);
    }

    @Override
    public void run() {
        last = lead != null ? net.embed(lead) : net.embed(batch).toFloatArray();
    }

    /** The embeddings of the last run, flattened {@code [leads, D]} (null before the first). */
    public float[] lastEmbedding() {
        return last == null ? null : last.clone();
    }
}
