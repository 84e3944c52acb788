package org.jclef.clef.tasks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jclef.clef.eval.Bootstrap;
import org.jclef.clef.eval.BootstrapConfig;
import org.jclef.clef.eval.LinearProbe;
import org.jclef.clef.eval.MetricValue;
import org.jclef.clef.eval.ProbeConfig;
import org.jclef.clef.eval.ProbeData;
import org.jclef.clef.eval.ProbeResult;
import org.jclef.clef.eval.Targets;
import org.jclef.clef.eval.WarningSink;
import org.jclef.clef.io.dataset.ManifestEntry;

/**
 * The linear-probe protocol on a task ({@link LinearProbe} on frozen embeddings), for either kind of
 * split:
 * <ul>
 *   <li>{@link TaskSplit.Fixed}: one probe, fitted on train, regularisation chosen on validation,
 *       scored on test;</li>
 *   <li>{@link TaskSplit.CrossValidation}: one probe per round (fold f tests, fold f + 1 validates,
 *       the rest fit); every record's held-out score comes from the round that held it out; each
 *       metric is the average of the rounds' metrics ({@link CrossValidatedMetrics}), its bootstrap
 *       interval from resampling all held-out records.</li>
 * </ul>
 */
public final class LinearEvaluation {
    private LinearEvaluation() {
    }

    /**
     * Probes {@code embeddings} ([records][D], row i for the task's record i) on the task.
     *
     * @param encoder names the encoder in the result
     */
    public static TaskResult run(Task task, float[][] embeddings, String encoder, ProbeConfig config,
                                 WarningSink sink) {
        if (embeddings.length != task.records().size()) {
            throw new IllegalArgumentException("task " + task.name() + ": " + embeddings.length + " embeddings for "
                    + task.records().size() + " records");
        }
        List<String> warnings = new ArrayList<>();
        WarningSink warn = WarningSink.collecting(warnings).andThen(sink);
        return switch (task.split()) {
            case TaskSplit.Fixed fixed -> {
                ProbeResult r = probe(task, embeddings, fixed, config, warn);
                yield new TaskResult(task.name(), task.type(), Protocol.LINEAR, encoder, fixed.describe(),
                        task.outputs(), r.metrics(), ids(task, fixed.indices(TaskSplit.TEST)),
                        task.targets(fixed.indices(TaskSplit.TEST)), r.testScores(), null, warnings);
            }
            case TaskSplit.CrossValidation cv -> {
                int n = task.records().size();
                double[][] pooled = new double[n][];
                ProbeConfig perRound = config.withBootstrap(new BootstrapConfig(0, config.bootstrap().seed(),
                        config.bootstrap().level()));
                for (int f = 0; f < cv.folds(); f++) {
                    TaskSplit.Fixed round = cv.round(f);
                    int round1 = f + 1;
                    ProbeResult r = probe(task, embeddings, round, perRound,
                            message -> warn.warn("round " + round1 + ": " + message));
                    int[] test = round.indices(TaskSplit.TEST);
                    for (int i = 0; i < test.length; i++) {
                        pooled[test[i]] = r.testScores()[i];
                    }
                }
                List<MetricValue> metrics = Bootstrap.evaluate(CrossValidatedMetrics.of(task.targets(), pooled,
                        cv.foldIds(), config.macroRule()), n, config.bootstrap(), warn);
                yield new TaskResult(task.name(), task.type(), Protocol.LINEAR, encoder, cv.describe(),
                        task.outputs(), metrics, ids(task, null), task.targets(), pooled, cv.foldIds(), warnings);
            }
        };
    }

    private static ProbeResult probe(Task task, float[][] embeddings, TaskSplit.Fixed split, ProbeConfig config,
                                     WarningSink warn) {
        try {
            return LinearProbe.run(data(task, embeddings, split.indices(TaskSplit.TRAIN)),
                    data(task, embeddings, split.indices(TaskSplit.VALIDATION)),
                    data(task, embeddings, split.indices(TaskSplit.TEST)), config, warn);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("task " + task.name() + " (" + split.rule() + "): " + e.getMessage(), e);
        }
    }

    /** The ids of the task's records at {@code rows} (null: all of them). */
    static List<String> ids(Task task, int[] rows) {
        if (rows == null) {
            return task.records().stream().map(ManifestEntry::id).toList();
        }
        return Arrays.stream(rows).mapToObj(i -> task.records().get(i).id()).toList();
    }

    private static ProbeData data(Task task, float[][] embeddings, int[] rows) {
        float[][] x = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            x[i] = embeddings[rows[i]];
        }
        Targets y = task.targets(rows);
        return new ProbeData(x, y);
    }
}
