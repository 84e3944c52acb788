package org.jclef.clef.api;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.jclef.autograd.GradMode;
import org.jclef.autograd.Variable;
import org.jclef.clef.io.EcgRecord;
import org.jclef.clef.io.Lead;
import org.jclef.clef.io.RecordReader;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.model.Net1DConfig;
import org.jclef.clef.report.ProgressBar;
import org.jclef.clef.signal.ClefRecipe;
import org.jclef.nn.Init;
import org.jclef.nn.Parameter;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * A CLEF encoder ready to embed ECGs: load a model, hand it one lead of a record or a raw array
 * with its sampling rate, get an {@link Embedding}. The {@code clef-v1} preprocessing
 * ({@link ClefRecipe}: NaN repair, resampling to 500 Hz, the first 10 s, CLEF's band-pass, z-score,
 * zero-padding to 5000 samples) is applied inside, and its version is stamped on every result.
 *
 * <p>Given {@code weights}, the path of a checkpoint (jclef's {@code .safetensors}, or a PyTorch
 * {@code .pt}/{@code .ckpt}), and {@code record}, the path of a WFDB record:
 * <pre>{@code
 * ClefEncoder encoder = ClefEncoder.load("small", weights);
 * Embedding embedding = encoder.embed(record, "II");
 * System.out.println(embedding.dimension() + " floats, preprocessed with " + embedding.recipe());
 * }</pre>
 *
 * <p>A raw single-lead array with its rate, e.g. a wearable's 300 Hz recording (resampled, cropped
 * or padded to the recipe's 10 s window), given {@code samples}, a {@code float[]} in millivolts:
 * <pre>{@code
 * ClefEncoder encoder = ClefEncoder.random("small", 42);   // untrained: a baseline, not a model
 * float[] vector = encoder.embed(samples, 300.0).vector();
 * assert vector.length == 256;
 * }</pre>
 *
 * <p>Many records at once, in batches, with a progress bar on standard error, given
 * {@code records}, a {@code List<Path>} of WFDB records:
 * <pre>{@code
 * ClefEncoder encoder = ClefEncoder.load("small", weights);
 * List<Embedding> all = encoder.embedAll(records, "II", System.err);
 * }</pre>
 *
 * <h2>Thread safety</h2>
 * An instance is immutable once built and safe to share: any number of threads may call
 * {@code embed} and {@code embedAll} on one encoder at the same time. The network is put in
 * evaluation mode and every weight is materialised when the encoder is created; each call then runs
 * the forward pass with gradient recording off on the calling thread ({@link GradMode} is per
 * thread) and writes only tensors of its own. The tensor backend is shared by all callers: the SIMD
 * backend runs each call's kernels on its fixed pool of worker threads (plus the calling thread), so
 * concurrent calls share the cores rather than multiplying them; the OpenCL backend serialises them
 * on its device. Results do not depend on what other threads do. {@link #of} copies the weights of
 * the network it is given, so training that network further does not affect the encoder.
 */
public final class ClefEncoder {
    /** The preprocessing version stamped on every embedding. */
    public static final String RECIPE = ClefRecipe.VERSION;
    /** Records per forward pass in {@link #embedAll}. */
    public static final int BATCH = 16;

    private final Net1D net;
    private final String weights;

    private ClefEncoder(Net1D net, String weights) {
        for (Parameter p : net.parameters()) {
            p.value();
        }
        net.eval();
        this.net = net;
        this.weights = weights;
    }

    /**
     * Loads a checkpoint into a CLEF encoder of the given size.
     *
     * @param size    "small", "medium" or "large"
     * @param weights a jclef {@code .safetensors} checkpoint, a bare safetensors state dict, or a
     *                PyTorch {@code .pt}/{@code .ckpt} (keys with or without {@code backbone.})
     * @throws IOException naming the file and what does not match the model
     */
    public static ClefEncoder load(String size, Path weights) throws IOException {
        return load(Net1DConfig.byName(size), weights);
    }

    /** Loads a checkpoint into an encoder of the given configuration. */
    public static ClefEncoder load(Net1DConfig config, Path weights) throws IOException {
        return new ClefEncoder(Net1D.load(weights, config), weights.toString());
    }

    /** A randomly initialised encoder (PyTorch's default initialisation): the random-init baseline. */
    public static ClefEncoder random(String size, long seed) {
        return random(Net1DConfig.byName(size), seed);
    }

    /** A randomly initialised encoder of the given configuration. */
    public static ClefEncoder random(Net1DConfig config, long seed) {
        return new ClefEncoder(Net1D.create(config, seed), randomDescription(seed));
    }

    /** "random init (seed S)": how a random encoder's weights are described. */
    public static String randomDescription(long seed) {
        return "random init (seed " + seed + ")";
    }

    /** An encoder with a copy of {@code net}'s current weights (e.g. right after pretraining). */
    public static ClefEncoder of(Net1D net, String weights) {
        Net1D copy = new Net1D(net.config(), Init.seeded(DType.F32, 0));
        Map<String, Tensor> state = net.stateDict();
        state.replaceAll((key, value) -> value.to(DType.F32));
        copy.loadStateDict(state);
        return new ClefEncoder(copy, weights);
    }

    public Net1DConfig config() {
        return net.config();
    }

    /** Where the weights came from: the checkpoint path, or "random init (seed S)". */
    public String weights() {
        return weights;
    }

    /** The embedding dimension D. */
    public int dimension() {
        return net.embeddingDim();
    }

    // ---------------------------------------------------------------- one input

    /**
     * The embedding of one lead, {@code samples} in millivolts at {@code fs} Hz (any length of at
     * least 34 samples after resampling to 500 Hz; NaN marks missing samples).
     */
    public Embedding embed(float[] samples, double fs) {
        double[] x = new double[samples.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = samples[i];
        }
        return embed(x, fs);
    }

    /** {@link #embed(float[], double)} for a {@code double[]} lead. */
    public Embedding embed(double[] samples, double fs) {
        float[] input = ClefRecipe.modelInput(samples, fs);
        return stamp(forward(List.of(input))[0], "samples", "", fs, samples.length);
    }

    /**
     * The embedding of one lead of a record read already.
     *
     * @param lead a lead name (any alias: "II", "aVF", "avf"), a 0-based index, or null for lead
     *             II (or the only lead of a single-lead record)
     */
    public Embedding embed(EcgRecord record, String lead) {
        Lead chosen = selectLead(record, lead);
        return stamp(forward(List.of(modelInput(record, lead)))[0], record.id(), chosen.name(), record.fs(),
                record.length());
    }

    /**
     * The embedding of one lead of a record file: a WFDB header, signal file or record name
     * ({@link RecordReader}). CSV recordings carry no rate: read them with {@link RecordReader} and
     * call {@link #embed(EcgRecord, String)}.
     */
    public Embedding embed(Path record, String lead) throws IOException {
        return embed(RecordReader.read(record, OptionalDouble.empty()), lead);
    }

    // ---------------------------------------------------------------- many inputs

    /**
     * The embeddings of one lead of each record, in order, computed {@value #BATCH} at a time.
     *
     * @param records WFDB records (header, signal file or record name)
     * @param lead    as in {@link #embed(EcgRecord, String)}
     * @param progress where a progress bar goes (e.g. {@code System.err}), or null for none
     * @throws IOException naming the record that cannot be read
     */
    public List<Embedding> embedAll(List<Path> records, String lead, PrintStream progress) throws IOException {
        List<Embedding> out = new ArrayList<>(records.size());
        try (ProgressBar bar = progress == null ? null : new ProgressBar(progress, "embed", records.size())) {
            for (int start = 0; start < records.size(); start += BATCH) {
                List<float[]> inputs = new ArrayList<>();
                List<EcgRecord> batch = new ArrayList<>();
                List<Lead> leads = new ArrayList<>();
                for (Path file : records.subList(start, Math.min(records.size(), start + BATCH))) {
                    EcgRecord record = RecordReader.read(file, OptionalDouble.empty());
                    try {
                        inputs.add(modelInput(record, lead));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
                    }
                    batch.add(record);
                    leads.add(selectLead(record, lead));
                }
                float[][] vectors = forward(inputs);
                for (int i = 0; i < vectors.length; i++) {
                    EcgRecord r = batch.get(i);
                    out.add(stamp(vectors[i], r.id(), leads.get(i).name(), r.fs(), r.length()));
                }
                if (bar != null) {
                    bar.step(vectors.length, null);
                }
            }
        }
        return out;
    }

    /**
     * Embeddings of inputs already preprocessed with {@link ClefRecipe#modelInput} (all of the
     * same length), in one forward pass: {@code [N][L]} → {@code [N][D]}.
     */
    public float[][] embedModelInputs(List<float[]> inputs) {
        return forward(inputs);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The lead named or numbered by {@code selector}: a name or alias ("II", "aVF", "avf", the
     * file's label) or a 0-based index; null means lead II, or the only lead of a single-lead record.
     *
     * @throws IllegalArgumentException naming the record and the leads it has
     */
    public static Lead selectLead(EcgRecord record, String selector) {
        List<Lead> leads = record.leads();
        String available = " (leads: " + String.join(", ", record.leadNames()) + ")";
        if (leads.isEmpty()) {
            throw new IllegalArgumentException("record " + record.id() + " has no signals");
        }
        if (selector == null) {
            if (leads.size() == 1) {
                return leads.get(0);
            }
            return record.lead("II").orElseThrow(() -> new IllegalArgumentException("record " + record.id()
                    + " has no lead II" + available + "; name the lead to embed"));
        }
        String s = selector.strip();
        if (!s.isEmpty() && s.length() <= 9 && s.chars().allMatch(Character::isDigit)) {
            int index = Integer.parseInt(s);
            if (index >= leads.size()) {
                throw new IllegalArgumentException("lead " + s + ": record " + record.id() + " has leads 0 to "
                        + (leads.size() - 1) + available);
            }
            return leads.get(index);
        }
        return record.lead(s).orElseThrow(() -> new IllegalArgumentException("lead '" + s + "': record "
                + record.id() + " has no such lead" + available));
    }

    /**
     * The encoder's input for one lead of a record: the {@code clef-v1} recipe on the lead in
     * millivolts ({@link ClefRecipe#modelInput}), 5000 samples at 500 Hz.
     */
    public static float[] modelInput(EcgRecord record, String lead) {
        Lead chosen = selectLead(record, lead);
        return ClefRecipe.modelInput(chosen.millivolts(), record.fs());
    }

    /** One forward pass over equally long inputs, without recording a graph. */
    private float[][] forward(List<float[]> inputs) {
        int n = inputs.size();
        int length = inputs.get(0).length;
        float[] flat = new float[n * length];
        for (int i = 0; i < n; i++) {
            float[] x = inputs.get(i);
            if (x.length != length) {
                throw new IllegalArgumentException("ClefEncoder: inputs of one batch differ in length ("
                        + x.length + " vs " + length + " samples)");
            }
            System.arraycopy(x, 0, flat, i * length, length);
        }
        Tensor z;
        try (var _ = GradMode.noGrad()) {
            z = net.forward(Variable.constant(Tensor.of(flat, n, 1, length))).value();
        }
        int d = net.embeddingDim();
        float[] all = z.toFloatArray();
        float[][] out = new float[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(all, i * d, out[i], 0, d);
        }
        return out;
    }

    private Embedding stamp(float[] vector, String source, String lead, double fs, int length) {
        return new Embedding(vector, RECIPE, net.config().name(), weights, source, lead, fs, length);
    }

    @Override
    public String toString() {
        return "ClefEncoder[" + net.config().name() + ", D = " + dimension() + ", " + weights + ", " + RECIPE + "]";
    }
}
