package org.jclef.clef.tasks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.jclef.autograd.GradMode;
import org.jclef.autograd.Variable;
import org.jclef.clef.eval.Bootstrap;
import org.jclef.clef.eval.BootstrapConfig;
import org.jclef.clef.eval.MacroRule;
import org.jclef.clef.eval.MetricValue;
import org.jclef.clef.eval.Targets;
import org.jclef.clef.eval.WarningSink;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.report.ProgressBar;
import org.jclef.nn.Init;
import org.jclef.nn.Parameter;
import org.jclef.nn.layers.Linear;
import org.jclef.nn.optim.Adam;
import org.jclef.nn.optim.CosineWarmRestarts;
import org.jclef.nn.optim.Scheduler;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * The fine-tuning protocol (spec §7.3): the encoder plus a {@code Linear(D, K)} head on its pooled
 * embedding, trained end to end with Adam on the task's loss ({@link HeadLoss}: BCE-with-logits for
 * binary and multilabel, cross-entropy for multiclass, L1 on targets standardised with the training
 * mean and population std for regression). After every epoch the validation loss is computed; the
 * weights with the lowest validation loss are kept for the test, and training stops after
 * {@link FineTuneConfig#patience()} epochs without an improvement of more than
 * {@link FineTuneConfig#minDelta()} (Lightning's early stopping and best checkpoint). The learning
 * rate follows cosine warm restarts stepped per epoch (T₀ = ⌊max epochs/2⌋, T_mult 1, η_min 0).
 *
 * <p>Under cross-validation each round starts again from the encoder's initial weights; the metrics
 * are averaged over the rounds, as in {@link LinearEvaluation}.
 *
 * <p>Deviations from the reference, for simplicity: Adam everywhere (the reference uses AdamW and
 * OneCycle for PTB-XL), no weighted sampler for imbalanced multiclass tasks, float32 throughout.
 */
public final class FineTune {
    private FineTune() {
    }

    /**
     * Fine-tunes on the task.
     *
     * @param inputs   [records][L] encoder inputs ({@link ModelInputs#read}), row i for record i
     * @param encoders a fresh encoder with the starting weights on every call (one per round)
     * @param encoder  names the encoder in the result
     * @param progress where progress bars go, or null
     */
    public static TaskResult run(Task task, float[][] inputs, Supplier<Net1D> encoders, String encoder,
                                 FineTuneConfig config, BootstrapConfig bootstrap, PrintStream progress,
                                 WarningSink sink) {
        if (inputs.length != task.records().size()) {
            throw new IllegalArgumentException("task " + task.name() + ": " + inputs.length + " inputs for "
                    + task.records().size() + " records");
        }
        List<String> warnings = new ArrayList<>();
        WarningSink warn = WarningSink.collecting(warnings).andThen(sink);
        Targets evaluated;
        List<String> scored;
        int[] foldIds;
        double[][] scores;
        String split;
        switch (task.split()) {
            case TaskSplit.Fixed fixed -> {
                scores = round(task, inputs, fixed, encoders.get(), config, config.seed(), progress, "finetune", warn);
                evaluated = task.targets(fixed.indices(TaskSplit.TEST));
                scored = LinearEvaluation.ids(task, fixed.indices(TaskSplit.TEST));
                foldIds = null;
                split = fixed.describe();
            }
            case TaskSplit.CrossValidation cv -> {
                scores = new double[inputs.length][];
                for (int f = 0; f < cv.folds(); f++) {
                    TaskSplit.Fixed round = cv.round(f);
                    double[][] s = round(task, inputs, round, encoders.get(), config, config.seed() + f, progress,
                            "finetune " + (f + 1) + "/" + cv.folds(), warn);
                    int[] test = round.indices(TaskSplit.TEST);
                    for (int i = 0; i < test.length; i++) {
                        scores[test[i]] = s[i];
                    }
                }
                evaluated = task.targets();
                scored = LinearEvaluation.ids(task, null);
                foldIds = cv.foldIds();
                split = cv.describe();
            }
        }
        List<MetricValue> metrics = Bootstrap.evaluate(CrossValidatedMetrics.of(evaluated, scores, foldIds,
                MacroRule.STRICT), evaluated.size(), bootstrap, warn);
        return new TaskResult(task.name(), task.type(), Protocol.FINETUNE, encoder, split, task.outputs(), metrics,
                scored, evaluated, scores, foldIds, warnings);
    }

    /** Trains on one split's train part, early-stops on its validation part, returns its test scores. */
    private static double[][] round(Task task, float[][] inputs, TaskSplit.Fixed split, Net1D net,
                                    FineTuneConfig config, long seed, PrintStream progress, String label,
                                    WarningSink warn) {
        int[] train = split.indices(TaskSplit.TRAIN);
        int[] validation = split.indices(TaskSplit.VALIDATION);
        int[] test = split.indices(TaskSplit.TEST);
        Head head = Head.of(task.targets(), train, net.embeddingDim(), seed);

        Map<String, Parameter> parameters = new LinkedHashMap<>();
        net.namedParameters().forEach((name, p) -> parameters.put("encoder." + name, p));
        head.linear().namedParameters().forEach((name, p) -> parameters.put("head." + name, p));
        Adam adam = Adam.adam(parameters, Adam.Hyper.of(config.learningRate(), config.weightDecay()));
        Scheduler schedule = new Scheduler(adam,
                new CosineWarmRestarts(config.learningRate(), Math.max(1, config.maxEpochs() / 2), 1, 0.0));

        SplittableRandom random = new SplittableRandom(seed);
        double best = Double.POSITIVE_INFINITY;
        double bestForStopping = Double.POSITIVE_INFINITY;
        Map<String, Tensor> bestState = snapshot(parameters);
        int epochsWithoutImprovement = 0;
        try (ProgressBar bar = progress == null ? null : new ProgressBar(progress, label, config.maxEpochs())) {
            for (int epoch = 0; epoch < config.maxEpochs(); epoch++) {
                net.train();
                int[] order = shuffled(train, random);
                double trainLoss = 0;
                for (int start = 0; start < order.length; start += config.batchSize()) {
                    int[] batch = Arrays.copyOfRange(order, start, Math.min(order.length,
                            start + config.batchSize()));
                    Variable loss = head.loss(head.linear().forward(net.forward(batchInput(inputs, batch))), batch);
                    loss.backward();
                    adam.step();
                    adam.zeroGrad();
                    trainLoss += loss.item() * batch.length;
                }
                schedule.step();
                double validationLoss = loss(net, head, inputs, validation, config.batchSize());
                if (validationLoss < best) {
                    best = validationLoss;
                    bestState = snapshot(parameters);
                }
                if (validationLoss < bestForStopping - config.minDelta()) {
                    bestForStopping = validationLoss;
                    epochsWithoutImprovement = 0;
                } else {
                    epochsWithoutImprovement++;
                }
                if (bar != null) {
                    bar.step(String.format(Locale.ROOT, "train=%.4f val=%.4f best=%.4f", trainLoss / train.length,
                            validationLoss, best));
                }
                if (epochsWithoutImprovement >= config.patience()) {
                    break;
                }
            }
        }
        if (!Double.isFinite(best)) {
            warn.warn(label + ": the validation loss was never finite; the test uses the initial weights");
        }
        restore(parameters, bestState);
        return head.scores(outputs(net, head, inputs, test, config.batchSize()));
    }

    /** The loss over records {@code rows}, without a graph. */
    private static double loss(Net1D net, Head head, float[][] inputs, int[] rows, int batchSize) {
        double sum = 0;
        net.eval();
        try (var _ = GradMode.noGrad()) {
            for (int start = 0; start < rows.length; start += batchSize) {
                int[] batch = Arrays.copyOfRange(rows, start, Math.min(rows.length, start + batchSize));
                sum += head.loss(head.linear().forward(net.forward(batchInput(inputs, batch))), batch).item()
                        * batch.length;
            }
        }
        return sum / rows.length;
    }

    /** The head's raw outputs [rows][K] for records {@code rows}, without a graph. */
    private static double[][] outputs(Net1D net, Head head, float[][] inputs, int[] rows, int batchSize) {
        double[][] out = new double[rows.length][];
        net.eval();
        try (var _ = GradMode.noGrad()) {
            for (int start = 0; start < rows.length; start += batchSize) {
                int[] batch = Arrays.copyOfRange(rows, start, Math.min(rows.length, start + batchSize));
                Tensor y = head.linear().forward(net.forward(batchInput(inputs, batch))).value();
                int k = y.dim(1);
                double[] flat = y.toDoubleArray();
                for (int i = 0; i < batch.length; i++) {
                    out[start + i] = Arrays.copyOfRange(flat, i * k, (i + 1) * k);
                }
            }
        }
        return out;
    }

    /** {@code [B, 1, L]} from the inputs of the batch's records. */
    private static Variable batchInput(float[][] inputs, int[] batch) {
        int length = inputs[batch[0]].length;
        float[] flat = new float[batch.length * length];
        for (int i = 0; i < batch.length; i++) {
            System.arraycopy(inputs[batch[i]], 0, flat, i * length, length);
        }
        return Variable.constant(Tensor.of(flat, batch.length, 1, length));
    }

    private static int[] shuffled(int[] rows, SplittableRandom random) {
        int[] a = rows.clone();
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static Map<String, Tensor> snapshot(Map<String, Parameter> parameters) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        parameters.forEach((name, p) -> out.put(name, p.value().copy()));
        return out;
    }

    private static void restore(Map<String, Parameter> parameters, Map<String, Tensor> state) {
        parameters.forEach((name, p) -> p.assign(state.get(name)));
    }

    /**
     * The linear head and the task's loss and scores.
     *
     * @param linear Linear(D, K)
     * @param targets all of the task's targets
     * @param mean   regression: the training targets' mean (else 0)
     * @param std    regression: their population std, 1 if it is 0 (else 1)
     */
    private record Head(Linear linear, Targets targets, double mean, double std) {

        static Head of(Targets targets, int[] train, int dim, long seed) {
            int k = switch (targets) {
                case Targets.Binary b -> 1;
                case Targets.Multiclass m -> m.numClasses();
                case Targets.Multilabel m -> m.width();
                case Targets.Continuous c -> 1;
            };
            double mean = 0;
            double std = 1;
            if (targets instanceof Targets.Continuous c) {
                for (int i : train) {
                    mean += c.values()[i];
                }
                mean /= train.length;
                double ss = 0;
                for (int i : train) {
                    ss += (c.values()[i] - mean) * (c.values()[i] - mean);
                }
                double s = Math.sqrt(ss / train.length);
                std = s > 0 ? s : 1;
            }
            return new Head(new Linear(Init.seeded(DType.F32, seed), dim, k), targets, mean, std);
        }

        /** The task's loss of head outputs {@code [B, K]} for records {@code batch}. */
        Variable loss(Variable outputs, int[] batch) {
            int k = outputs.dim(1);
            return switch (targets) {
                case Targets.Binary b -> {
                    float[] y = new float[batch.length];
                    for (int i = 0; i < batch.length; i++) {
                        y[i] = b.labels()[batch[i]];
                    }
                    yield HeadLoss.bceWithLogits(outputs, Tensor.of(y, batch.length, 1));
                }
                case Targets.Multilabel m -> {
                    float[] y = new float[batch.length * k];
                    for (int i = 0; i < batch.length; i++) {
                        for (int l = 0; l < k; l++) {
                            y[i * k + l] = m.labels()[batch[i]][l];
                        }
                    }
                    yield HeadLoss.bceWithLogits(outputs, Tensor.of(y, batch.length, k));
                }
                case Targets.Multiclass m -> {
                    int[] y = new int[batch.length];
                    for (int i = 0; i < batch.length; i++) {
                        y[i] = m.labels()[batch[i]];
                    }
                    yield HeadLoss.crossEntropy(outputs, y);
                }
                case Targets.Continuous c -> {
                    float[] y = new float[batch.length];
                    for (int i = 0; i < batch.length; i++) {
                        y[i] = (float) ((c.values()[batch[i]] - mean) / std);
                    }
                    yield HeadLoss.l1(outputs, Tensor.of(y, batch.length, 1));
                }
            };
        }

        /** Probabilities (classification) or predictions in the target's units (regression). */
        double[][] scores(double[][] outputs) {
            double[][] out = new double[outputs.length][];
            for (int i = 0; i < outputs.length; i++) {
                double[] z = outputs[i];
                out[i] = switch (targets) {
                    case Targets.Binary b -> new double[] {sigmoid(z[0])};
                    case Targets.Multilabel m -> Arrays.stream(z).map(FineTune::sigmoid).toArray();
                    case Targets.Multiclass m -> softmax(z);
                    case Targets.Continuous c -> new double[] {z[0] * std + mean};
                };
            }
            return out;
        }
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private static double[] softmax(double[] z) {
        double max = Arrays.stream(z).max().orElse(0);
        double[] e = Arrays.stream(z).map(v -> Math.exp(v - max)).toArray();
        double sum = Arrays.stream(e).sum();
        return Arrays.stream(e).map(v -> v / sum).toArray();
    }
}
