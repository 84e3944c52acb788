package org.jclef.clef.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jclef.clef.api.ClefEncoder;
import org.jclef.clef.api.Embedding;
import org.jclef.clef.augment.SyntheticNoise;
import org.jclef.clef.augment.ViewSampler;
import org.jclef.clef.eval.BootstrapConfig;
import org.jclef.clef.eval.ProbeConfig;
import org.jclef.clef.eval.WarningSink;
import org.jclef.clef.io.dataset.ManifestEntry;
import org.jclef.clef.loss.LossKind;
import org.jclef.clef.model.Net1DConfig;
import org.jclef.clef.report.ProgressBar;
import org.jclef.clef.risk.Region;
import org.jclef.clef.tasks.BuiltinTask;
import org.jclef.clef.tasks.DataSource;
import org.jclef.clef.tasks.LinearEvaluation;
import org.jclef.clef.tasks.Task;
import org.jclef.clef.tasks.TaskResult;
import org.jclef.clef.train.ClinicalMetadata;
import org.jclef.clef.train.EpochPlan;
import org.jclef.clef.train.ItemSeeds;
import org.jclef.clef.train.MetadataCsv;
import org.jclef.clef.train.Pretrainer;
import org.jclef.clef.train.ShortRecords;
import org.jclef.clef.train.StepRecord;
import org.jclef.clef.train.TrainConfig;
import org.jclef.clef.train.TrainingData;
import org.jclef.clef.train.TrainingRecord;
import org.jclef.clef.train.TrainingSet;

/**
 * {@code jclef demo}: the whole CLEF story on the PTB-XL subset committed with the project.
 * <ol>
 *   <li><b>Data.</b> PTB-XL's own patient-respecting folds split the 240 records: folds 1–5
 *       pretrain (unlabelled), folds 6–10 evaluate. No patient is in both.</li>
 *   <li><b>Pretraining.</b> CLEF-Small with the CLEF loss, then with NT-Xent, with the same
 *       initialisation, batches, augmentations, optimiser, step budget and seed.</li>
 *   <li><b>Evaluation.</b> Linear probes on frozen lead-II embeddings of the two pretrained encoders
 *       and of their common random initialisation, on four PTB-XL tasks (sex, age, NORM vs abnormal,
 *       the five superclasses), by 5-fold cross-validation over folds 6–10, with bootstrap
 *       intervals and paired comparisons.</li>
 *   <li><b>Report.</b> {@link DemoReport}: a Markdown report with the results table, an honest
 *       verdict, loss curves, ROC curves and PCA scatter plots, the checkpoints, and the exact
 *       command, seed, versions and timings.</li>
 * </ol>
 */
public final class Demo {
    /** PTB-XL folds that pretrain; the others evaluate. */
    static final Set<Integer> PRETRAIN_FOLDS = Set.of(1, 2, 3, 4, 5);
    static final Net1DConfig MODEL = Net1DConfig.SMALL;
    static final String LEAD = "II";
    static final Region PROXY_REGION = Region.MODERATE;
    /** Marks a folder as a demo report, so that a rerun may replace it. */
    static final String MARKER = "run.json";

    /** The encoders compared, in table order. */
    static final List<String> ENCODERS = List.of("CLEF", "NT-Xent", "random init");

    private Demo() {
    }

    /** One pretraining run's outcome. */
    record Pretraining(String name, LossKind loss, Pretrainer.Result result, List<StepRecord> steps, double seconds,
                       ClefEncoder encoder) {
    }

    /** Everything the report shows. */
    record Outcome(DemoSettings settings, DataSource data, TrainingSet pretrainSet, List<ManifestEntry> probeRecords,
                   List<String> metadataReport, List<Pretraining> pretraining, Map<String, List<Embedding>> embeddings,
                   List<Task> tasks, Map<String, Map<String, TaskResult>> results, List<Comparison> comparisons,
                   Map<String, Double> stageSeconds, Map<String, String> runInfo) {
    }

    /**
     * Runs the demo and writes its report.
     *
     * @param out the results table and the report's location
     * @param err progress bars and the run log
     * @return the report file
     */
    public static Path run(DemoSettings settings, PrintStream out, PrintStream err) throws IOException {
        long start = System.nanoTime();
        Map<String, Double> stages = new LinkedHashMap<>();
        prepareFolder(settings.out());

        long t = System.nanoTime();
        DataSource data = DataSource.open(DemoData.requirePtbXl());
        Map<String, Integer> folds = new HashMap<>();
        for (ManifestEntry e : data.entries()) {
            folds.put(e.id(), e.integer("strat_fold").orElseThrow());
        }
        TrainingSet all = TrainingData.open(data.root(), new TrainingData.Options(5000, ShortRecords.SKIP, List.of()));
        TrainingSet pretrainSet = pretrainSet(all, folds, settings.pretrainPerFold());
        List<ManifestEntry> probeRecords = probeRecords(data, settings.probePerFold());
        err.printf(Locale.ROOT, "jclef demo: %s; pretraining on %d patients of folds 1-5, evaluating on %d records of "
                + "folds 6-10%n", data.describe(), pretrainSet.size(), probeRecords.size());
        stages.put("data", seconds(t));

        t = System.nanoTime();
        Path pretrainDir = settings.out().resolve("pretrain");
        Files.createDirectories(pretrainDir);
        MetadataCsv csv = null;
        Region region = null;
        if (settings.risk() == DemoSettings.RiskSource.AGE_SEX_PROXY) {
            csv = MetadataCsv.read(writeProxyMetadata(pretrainSet, pretrainDir.resolve("metadata.csv")));
            region = PROXY_REGION;
        }
        ClinicalMetadata metadata = ClinicalMetadata.resolve(pretrainSet, csv, region);
        TrainConfig base = TrainConfig.defaults(MODEL);
        List<String> metadataReport = metadata.report(base.clefLoss().metadata());
        List<Pretraining> pretraining = new ArrayList<>();
        for (LossKind loss : List.of(LossKind.CLEF, LossKind.NTXENT)) {
            pretraining.add(pretrain(settings, loss, pretrainSet, metadata, pretrainDir, err));
        }
        stages.put("pretraining", seconds(t));

        t = System.nanoTime();
        Map<String, ClefEncoder> encoders = new LinkedHashMap<>();
        encoders.put("CLEF", pretraining.get(0).encoder());
        encoders.put("NT-Xent", pretraining.get(1).encoder());
        encoders.put("random init", ClefEncoder.random(MODEL, ItemSeeds.init(settings.seed(), 0)));
        Map<String, List<Embedding>> embeddings = new LinkedHashMap<>();
        List<Path> headers = probeRecords.stream().map(ManifestEntry::header).toList();
        for (Map.Entry<String, ClefEncoder> e : encoders.entrySet()) {
            err.println("jclef demo: embedding lead " + LEAD + " of the evaluation records with the " + e.getKey()
                    + " encoder");
            embeddings.put(e.getKey(), e.getValue().embedAll(headers, LEAD, err));
        }
        stages.put("embedding", seconds(t));

        t = System.nanoTime();
        List<Task> tasks = new ArrayList<>();
        for (BuiltinTask task : List.of(BuiltinTask.PTBXL_NORM, BuiltinTask.PTBXL_SUPERCLASS, BuiltinTask.PTBXL_SEX,
                BuiltinTask.PTBXL_AGE)) {
            tasks.add(task.ptbXl(probeRecords, BuiltinTask.PtbXlSplit.FOLDS_AS_CROSS_VALIDATION));
        }
        BootstrapConfig bootstrap = new BootstrapConfig(settings.bootstrap(), BootstrapConfig.DEFAULT.seed(),
                BootstrapConfig.DEFAULT.level());
        ProbeConfig probe = ProbeConfig.DEFAULT.withBootstrap(bootstrap);
        Map<String, Map<String, TaskResult>> results = new LinkedHashMap<>();
        Map<String, Integer> row = new HashMap<>();
        for (int i = 0; i < probeRecords.size(); i++) {
            row.put(probeRecords.get(i).id(), i);
        }
        try (ProgressBar bar = new ProgressBar(err, "probe", (long) tasks.size() * encoders.size())) {
            for (Task task : tasks) {
                Map<String, TaskResult> byEncoder = new LinkedHashMap<>();
                for (String name : encoders.keySet()) {
                    float[][] x = task.records().stream().map(e -> embeddings.get(name).get(row.get(e.id())).vector())
                            .toArray(float[][]::new);
                    byEncoder.put(name, LinearEvaluation.run(task, x, name, probe, WarningSink.ignoring()));
                    bar.step(task.name() + " / " + name);
                }
                results.put(task.name(), byEncoder);
            }
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (Map<String, TaskResult> byEncoder : results.values()) {
            comparisons.add(Comparison.of(byEncoder.get("CLEF"), byEncoder.get("NT-Xent"), bootstrap));
            comparisons.add(Comparison.of(byEncoder.get("CLEF"), byEncoder.get("random init"), bootstrap));
            comparisons.add(Comparison.of(byEncoder.get("NT-Xent"), byEncoder.get("random init"), bootstrap));
        }
        stages.put("probing", seconds(t));
        stages.put("total", seconds(start));

        Outcome outcome = new Outcome(settings, data, pretrainSet, probeRecords, metadataReport, pretraining,
                embeddings, tasks, results, comparisons, stages, RunInfo.collect());
        t = System.nanoTime();
        Path report = DemoReport.write(outcome);
        double reportSeconds = seconds(t);
        out.print(DemoReport.resultsTable(outcome));
        out.println();
        for (String line : DemoReport.verdict(outcome)) {
            out.println(line);
        }
        out.printf(Locale.ROOT, "%nrun time %s (report written in %.1f s): %s%n",
                DemoReport.clock(stages.get("total")), reportSeconds, report);
        return report;
    }

    /** Refuses a folder that holds something other than a previous demo report; clears a previous report. */
    private static void prepareFolder(Path out) throws IOException {
        if (Files.isDirectory(out)) {
            boolean empty;
            try (Stream<Path> entries = Files.list(out)) {
                empty = entries.findAny().isEmpty();
            }
            if (!empty && !Files.isRegularFile(out.resolve(MARKER))) {
                throw new IllegalArgumentException("--out " + out + " exists and is not a jclef demo report; "
                        + "choose another folder");
            }
            try (Stream<Path> walk = Files.walk(out)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(out)) {
                        Files.delete(p);
                    }
                }
            }
        } else if (Files.exists(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
        }
        Files.createDirectories(out);
    }

    /** The patients of folds 1–5 (the trainer's one record per patient), {@code perFold} per fold if > 0. */
    private static TrainingSet pretrainSet(TrainingSet all, Map<String, Integer> folds, int perFold) {
        Map<Integer, Integer> taken = new HashMap<>();
        List<TrainingRecord> kept = new ArrayList<>();
        for (TrainingRecord r : all.records()) {
            Integer fold = folds.get(r.id());
            if (fold == null || !PRETRAIN_FOLDS.contains(fold)) {
                continue;
            }
            if (perFold > 0 && taken.merge(fold, 1, Integer::sum) > perFold) {
                continue;
            }
            kept.add(r);
        }
        List<String> notes = new ArrayList<>(all.notes());
        notes.add("demo: pretraining uses PTB-XL folds 1-5 only (" + kept.size() + " patients); folds 6-10 are held out "
                + "for evaluation");
        return new TrainingSet(all.description() + ", folds 1-5", kept, notes);
    }

    /** The records of folds 6–10, in manifest order, {@code perFold} per fold if > 0. */
    private static List<ManifestEntry> probeRecords(DataSource data, int perFold) {
        Map<Integer, Integer> taken = new HashMap<>();
        List<ManifestEntry> kept = new ArrayList<>();
        for (ManifestEntry e : data.entries()) {
            int fold = e.integer("strat_fold").orElseThrow();
            if (PRETRAIN_FOLDS.contains(fold)) {
                continue;
            }
            if (perFold > 0 && taken.merge(fold, 1, Integer::sum) > perFold) {
                continue;
            }
            kept.add(e);
        }
        return kept;
    }

    /**
     * The age-and-sex proxy ({@link DemoSettings.RiskSource#AGE_SEX_PROXY}): one row per pretraining
     * record with SCORE2's reference values for the inputs PTB-XL lacks; age and sex come from the
     * PTB-XL database through the trainer.
     */
    private static Path writeProxyMetadata(TrainingSet set, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("record,sbp,tc,hdl,smoker,diabetes\n");
        for (TrainingRecord r : set.records()) {
            sb.append(r.id()).append(",120,6.0,1.3,0,0\n");
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private static Pretraining pretrain(DemoSettings settings, LossKind loss, TrainingSet set, ClinicalMetadata metadata,
                                        Path dir, PrintStream err) throws IOException {
        String name = loss == LossKind.CLEF ? "CLEF" : "NT-Xent";
        int batch = Math.min(settings.batchPatients(), set.size());
        int batchesPerEpoch = new EpochPlan(set.size(), batch, settings.seed()).batchesPerEpoch();
        int epochs = (settings.steps() + batchesPerEpoch - 1) / batchesPerEpoch;
        TrainConfig config = TrainConfig.defaults(MODEL).withLoss(loss)
                .withLength(epochs, settings.steps())
                .withBatch(batch, TrainConfig.DEFAULT_WINDOW)
                .withOptimizer(settings.learningRate(), TrainConfig.DEFAULT_WEIGHT_DECAY, 0)
                .withSchedule(epochs, 1, TrainConfig.DEFAULT_ETA_MIN)
                .withRun(settings.seed(), settings.steps(), 1);
        err.printf(Locale.ROOT, "jclef demo: pretraining CLEF-Small with %s: %d steps of %d patients (%d views)%n",
                name, settings.steps(), batch, 2 * batch);
        Pretrainer trainer = new Pretrainer(config, set, metadata, ViewSampler.clef(new SyntheticNoise()),
                dir.resolve(loss.cliName()), err);
        List<StepRecord> steps = new ArrayList<>();
        trainer.onStep(steps::add);
        long t = System.nanoTime();
        Pretrainer.Result result = trainer.run(false);
        double seconds = seconds(t);
        return new Pretraining(name, loss, result, steps, seconds, ClefEncoder.of(trainer.encoder(),
                settings.out().relativize(result.encoder()).toString()));
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
