package org.jclef.clef.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jclef.clef.api.ClefEncoder;
import org.jclef.clef.api.Embedding;
import org.jclef.clef.demo.DemoData;
import org.jclef.clef.eval.BootstrapConfig;
import org.jclef.clef.eval.ProbeConfig;
import org.jclef.clef.eval.Splits;
import org.jclef.clef.eval.Targets;
import org.jclef.clef.eval.WarningSink;
import org.jclef.clef.io.SharedData;
import org.jclef.clef.io.dataset.ManifestEntry;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.model.Net1DConfig;
import org.jclef.clef.report.SvgPlot;
import org.jclef.clef.tasks.BuiltinTask;
import org.jclef.clef.tasks.DataSource;
import org.jclef.clef.tasks.FineTune;
import org.jclef.clef.tasks.FineTuneConfig;
import org.jclef.clef.tasks.LabelsCsv;
import org.jclef.clef.tasks.LinearEvaluation;
import org.jclef.clef.tasks.MeanRoc;
import org.jclef.clef.tasks.ModelInputs;
import org.jclef.clef.tasks.Protocol;
import org.jclef.clef.tasks.Task;
import org.jclef.clef.tasks.TaskResult;

/** {@code jclef probe}: evaluate an encoder on a downstream task, with bootstrap confidence intervals. */
final class ProbeCommand implements Command {
    static final long DEFAULT_SEED = 42;

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public String summary() {
        return "evaluate an encoder on a task (linear probe or fine-tuning), metrics with 95% CIs";
    }

    @Override
    public String usage() {
        return """
                usage: jclef probe --model small|medium|large --weights FILE|random
                                   (--task NAME | --labels CSV) [--data DIR|MANIFEST]
                                   [--lead II] [--protocol linear|finetune] [--folds 5] [--seed 42]
                                   [--type binary|multiclass|multilabel|regression] [--positive CLASS]
                                   [--bootstrap 1000] [--epochs 100] [--batch 64] [--out DIR] [--json]

                Embeds one lead of every record with the encoder (clef-v1 preprocessing) and fits a
                linear probe on the frozen embeddings (--protocol linear, the default), or trains the
                encoder with a linear head end to end (--protocol finetune: Adam lr 1e-3, weight decay
                1e-5, early stopping on the validation loss, spec §7.3; slow on a CPU). Prints the test
                metrics with percentile-bootstrap 95%% confidence intervals.

                  --weights   a checkpoint (.safetensors, .pt, .ckpt), or "random" for the random-init
                              baseline (seed --seed)
                  --task      a task defined on bundled data:
                %s
                              PTB-XL tasks: train folds 1-8, validate 9, test 10; LUDB tasks: stratified
                              --folds cross-validation. Without --data, PTB-XL tasks use the project's
                              demo subset (data/demo/ptbxl) and LUDB tasks shared/data/ludb.
                  --labels    a CSV with header record,label (record = file stem; label numeric or a
                              class name; several label columns for multilabel). Without a split of its
                              own the task uses stratified --folds cross-validation (default 5): fold f
                              tests, fold f+1 chooses the regularisation, the rest fit; each metric is
                              the average over the rounds, its CI from resampling the held-out records.
                  --data      a PTB-XL or LUDB folder (or its ptbxl_database.csv / ludb.csv), any folder of
                              WFDB records (searched recursively; e.g. single-lead wearable recordings at
                              300 Hz: resampled, cropped or padded to 10 s at 500 Hz), or a file listing
                              record paths
                  --lead      the lead to embed: a name or 0-based index (default II, or the only lead)
                  --type      force the task type of a --labels CSV (default: inferred)
                  --positive  the positive class of a binary --labels task given by class names
                  --bootstrap resamples of the confidence intervals (default 1000; 0: none)
                  --epochs, --batch   fine-tuning's maximum epochs (100) and batch size (64)
                  --out       also write result.json, result.txt, scores.csv and (binary tasks) roc.svg
                  --json      print one JSON object: "auroc" (or "mae", "rmse", "r2"), "ci" with every
                              metric's interval, and the full metric list""".formatted(BuiltinTask.catalogue());
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws IOException {
        Net1DConfig config = model(args.required("model"));
        String weights = args.required("weights");
        String taskName = args.string("task", null);
        Path labels = args.path("labels");
        Path data = args.path("data");
        String lead = args.string("lead", null);
        Protocol protocol = parse(() -> Protocol.parse(args.string("protocol", "linear")), "--protocol");
        int folds = args.integer("folds", Splits.DEFAULT_FOLDS);
        long seed = args.integer("seed", (int) DEFAULT_SEED);
        String type = args.string("type", null);
        String positive = args.string("positive", null);
        int resamples = args.integer("bootstrap", BootstrapConfig.DEFAULT.resamples());
        int epochs = args.integer("epochs", FineTuneConfig.reference().maxEpochs());
        int batch = args.integer("batch", FineTuneConfig.reference().batchSize());
        Path outDir = args.path("out");
        boolean json = args.flag("json");
        args.finish();
        if (!args.positionals().isEmpty()) {
            throw new CliException("unexpected argument '" + args.positionals().get(0) + "'");
        }
        if ((taskName == null) == (labels == null)) {
            throw new CliException("give either --task NAME or --labels CSV (see jclef probe --help)");
        }
        if (folds < 3) {
            throw new CliException("--folds " + folds + ": cross-validation needs at least 3 folds (test, validation, fit)");
        }
        if (resamples < 0) {
            throw new CliException("--bootstrap " + resamples + ": expected 0 or more resamples");
        }
        boolean random = weights.equalsIgnoreCase("random");
        if (!random && !Files.isRegularFile(Path.of(weights))) {
            throw new CliException("--weights " + weights + ": no such file (or use --weights random)");
        }
        if ((type != null || positive != null) && taskName != null) {
            throw new CliException("--type and --positive apply to --labels only; built-in tasks define their own");
        }
        if (labels != null && !Files.isRegularFile(labels)) {
            throw new CliException("--labels " + labels + ": no such file");
        }

        List<String> warnings = new ArrayList<>();
        WarningSink sink = WarningSink.collecting(warnings);
        Task task;
        DataSource source;
        if (taskName != null) {
            BuiltinTask builtin = parse(() -> BuiltinTask.parse(taskName), "--task");
            source = DataSource.open(data != null ? data : defaultData(builtin));
            task = builtin.build(source, folds, seed, sink);
        } else {
            if (data == null) {
                throw new CliException("--labels needs --data DIR|MANIFEST: the records the labels refer to");
            }
            source = DataSource.open(data);
            task = LabelsCsv.read(labels, source, type, positive, folds, seed, sink);
        }
        err.println("jclef probe: " + task.description() + "; " + task.records().size() + " records from "
                + source.describe());

        String encoderName = config.name() + ", " + (random ? ClefEncoder.randomDescription(seed) : weights);
        BootstrapConfig bootstrap = new BootstrapConfig(resamples, BootstrapConfig.DEFAULT.seed(),
                BootstrapConfig.DEFAULT.level());
        TaskResult result;
        if (protocol == Protocol.LINEAR) {
            ClefEncoder encoder = random ? ClefEncoder.random(config, seed) : ClefEncoder.load(config, Path.of(weights));
            float[][] embeddings = embed(encoder, task.records(), lead, err);
            result = LinearEvaluation.run(task, embeddings, encoderName, ProbeConfig.DEFAULT.withBootstrap(bootstrap),
                    WarningSink.ignoring());
        } else {
            float[][] inputs = ModelInputs.read(task.records(), lead, err);
            Supplier<Net1D> encoders = () -> {
                try {
                    return random ? Net1D.create(config, seed) : Net1D.load(Path.of(weights), config);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            FineTuneConfig fineTune = FineTuneConfig.reference().withMaxEpochs(epochs).withBatchSize(batch)
                    .withSeed(seed);
            result = FineTune.run(task, inputs, encoders, encoderName, fineTune, bootstrap, err, WarningSink.ignoring());
        }
        TaskResult reported = result.withWarnings(warnings);

        if (json) {
            out.println(reported.toJson());
        } else {
            out.print(reported.toTable(bootstrap.level()));
        }
        if (outDir != null) {
            write(outDir, reported, task, bootstrap.level());
            err.println("jclef probe: results written to " + outDir);
        }
        return 0;
    }

    private static float[][] embed(ClefEncoder encoder, List<ManifestEntry> records, String lead, PrintStream err)
            throws IOException {
        List<Embedding> embeddings = encoder.embedAll(records.stream().map(ManifestEntry::header).toList(), lead, err);
        return embeddings.stream().map(Embedding::vector).toArray(float[][]::new);
    }

    /** The folder a built-in task reads without --data. */
    private static Path defaultData(BuiltinTask task) throws IOException {
        return switch (task.data()) {
            case PTBXL -> DemoData.requirePtbXl();
            case LUDB -> SharedData.folder("ludb").orElseThrow(() -> new CliException("task " + task.cliName()
                    + ": no --data given and " + SharedData.absentMessage()));
            default -> throw new CliException("task " + task.cliName() + " needs --data");
        };
    }

    /** result.json, result.txt, scores.csv and, for binary tasks, roc.svg. */
    static void write(Path dir, TaskResult result, Task task, double level) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("result.json"), result.toJson() + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("result.txt"), result.toTable(level), StandardCharsets.UTF_8);
        StringBuilder csv = new StringBuilder("record");
        for (String o : result.outputs()) {
            csv.append(",target:").append(o).append(",score:").append(o);
        }
        csv.append('\n');
        double[][] targets = targetColumns(result.evaluated());
        for (int i = 0; i < result.scores().length; i++) {
            csv.append(result.scored().get(i));
            for (int k = 0; k < result.outputs().size(); k++) {
                csv.append(',').append(k < targets[i].length ? targets[i][k] : Double.NaN)
                        .append(',').append(result.scores()[i][k]);
            }
            csv.append('\n');
        }
        Files.writeString(dir.resolve("scores.csv"), csv.toString(), StandardCharsets.UTF_8);
        if (result.evaluated() instanceof Targets.Binary) {
            MeanRoc roc = MeanRoc.of(result);
            new SvgPlot("ROC: " + task.name() + (roc.rounds() > 1 ? " (mean of " + roc.rounds() + " rounds)" : ""),
                    "false positive rate", "true positive rate")
                    .range(0, 1, 0, 1)
                    .line(String.format(Locale.ROOT, "AUROC %.3f", result.headline().value()), roc.fpr(), roc.tpr())
                    .dashedLine("chance", new double[] {0, 1}, new double[] {0, 1})
                    .write(dir.resolve("roc.svg"));
        }
    }

    /** The targets as numbers per output column (multiclass: one-hot). */
    private static double[][] targetColumns(Targets targets) {
        double[][] out = new double[targets.size()][];
        for (int i = 0; i < out.length; i++) {
            int row = i;
            out[i] = switch (targets) {
                case Targets.Binary b -> new double[] {b.labels()[row]};
                case Targets.Continuous c -> new double[] {c.values()[row]};
                case Targets.Multilabel m -> Arrays.stream(m.labels()[row]).asDoubleStream().toArray();
                case Targets.Multiclass m -> {
                    double[] oneHot = new double[m.numClasses()];
                    oneHot[m.labels()[row]] = 1;
                    yield oneHot;
                }
            };
        }
        return out;
    }

    private static Net1DConfig model(String name) {
        return parse(() -> Net1DConfig.byName(name), "--model");
    }

    private static <T> T parse(Supplier<T> parser, String option) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new CliException(option + ": " + e.getMessage());
        }
    }
}
