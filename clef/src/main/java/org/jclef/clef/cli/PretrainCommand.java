package org.jclef.clef.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jclef.clef.augment.LeadRowLookup;
import org.jclef.clef.augment.NoiseSource;
import org.jclef.clef.augment.RealNoise;
import org.jclef.clef.augment.SyntheticNoise;
import org.jclef.clef.augment.ViewSampler;
import org.jclef.clef.loss.ClefLossConfig;
import org.jclef.clef.loss.LossKind;
import org.jclef.clef.loss.MetadataMode;
import org.jclef.clef.model.Net1DConfig;
import org.jclef.clef.risk.Region;
import org.jclef.clef.train.ClinicalMetadata;
import org.jclef.clef.train.MetadataCsv;
import org.jclef.clef.train.Pretrainer;
import org.jclef.clef.train.ShortRecords;
import org.jclef.clef.train.TrainConfig;
import org.jclef.clef.train.TrainingData;
import org.jclef.clef.train.TrainingRecord;
import org.jclef.clef.train.TrainingSet;
import org.jclef.tensor.Backend;
import org.jclef.tensor.BackendKind;
import org.jclef.tensor.Backends;
import org.jclef.tensor.ScalarBackend;
import org.jclef.tensor.simd.SimdBackend;

/** {@code jclef pretrain}: self-supervised pretraining of a Net1D encoder (spec §3, §4, §6). */
final class PretrainCommand implements Command {

    @Override
    public String name() {
        return "pretrain";
    }

    @Override
    public String summary() {
        return "pretrain an encoder with the CLEF loss (or NT-Xent, BYOL, MoCo) on ECG records";
    }

    @Override
    public String usage() {
        return """
                usage: jclef pretrain --model small|medium|large|CONFIG.json --data DIR|FILE [options]

                Trains a Net1D encoder on two augmented single-lead views per patient (spec §3.2-3.6) and
                writes checkpoint.safetensors (the full training state), encoder.safetensors (for jclef embed
                --weights), metrics.csv, loss.svg and train.log to --out.

                data
                  --data           a folder of WFDB records (any format and rate; resampled to 500 Hz), a
                                   PTB-XL folder (ptbxl_database.csv: its 500 Hz records, one per patient),
                                   a LUDB folder, or a record list (RECORDS file, one record per line)
                  --metadata       a CSV keyed by record (record/id/ecg_id column) with age, sex, sbp, tc,
                                   hdl (mmol/L), smoker, diabetes, region, or a precomputed risk column
                                   (fraction) and rate_meta; SCORE2 is computed from complete inputs
                  --region         SCORE2 region for rows without one: low|moderate|high|very-high
                  --metadata-mode  risk (default, the reference: a missing risk counts as 0) or mask (the
                                   spec §4.6 mask path, m = fraction of SCORE2 inputs missing)
                  --leads          draw views only from these leads, e.g. I or I,II,V1 (default: all)
                  --window         samples per view at 500 Hz (default 5000 = 10 s)
                  --short-records  skip (default) or pad records shorter than the window
                  --noise          the simulator's DATA_noises_real.mat (reference noise); without it a
                                   built-in synthetic generator is used (a documented deviation)

                objective and optimiser
                  --loss           clef (default) | ntxent | byol | moco
                  --temperature    tau of CLEF / NT-Xent (default 0.07)
                  --moco-queue     MoCo queue size (default 65536; at least --batch)
                  --lr             AdamW learning rate (default 1e-4)
                  --weight-decay   AdamW decoupled weight decay (default 5e-4)
                  --t0, --t-mult, --eta-min   cosine warm restarts per epoch (default 10, 2, 1e-6)
                  --clip-grad      clip the global gradient norm to this (default: off; always logged)

                run
                  --epochs         at most this many epochs (default 100)
                  --steps          at most this many optimiser steps in all (default: no cap)
                  --batch          patients per batch (default 64, i.e. 128 views)
                  --seed           seed of initialisation, order and augmentation (default 42)
                  --checkpoint-every  steps between checkpoints (default 500; one is also written at the end)
                  --loaders        threads preparing batches ahead of the step (default 2)
                  --threads        threads of the simd backend (default: available processors)
                  --backend        scalar | simd (default) | opencl
                  --out            output folder (default jclef-pretrain)
                  --resume         continue the run in --out from its checkpoint, bit for bit""";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws IOException {
        Net1DConfig model = model(args.required("model"));
        Path dataPath = Path.of(args.required("data"));
        Path metadataPath = args.path("metadata");
        Region region = args.has("region") ? parse(() -> Region.parse(args.string("region", null)), "--region") : null;
        MetadataMode mode = metadataMode(args.string("metadata-mode", "risk"));
        LossKind loss = parse(() -> LossKind.parse(args.string("loss", "clef")), "--loss");
        List<String> leads = args.has("leads") ? List.of(args.string("leads", "").split(",")) : List.of();
        ShortRecords shortRecords = parse(() -> ShortRecords.parse(args.string("short-records", "skip"), "--short-records"),
                "--short-records");
        Path noiseFile = args.path("noise");
        boolean resume = args.flag("resume");
        Path outDir = Path.of(args.string("out", "jclef-pretrain"));
        String backendName = args.string("backend", null);
        boolean threadsGiven = args.has("threads");
        int threads = args.integer("threads", Backends.threadsFromProperty());
        long seed = seed(args.string("seed", Long.toString(TrainConfig.DEFAULT_SEED)));

        TrainConfig defaults = TrainConfig.defaults(model);
        ClefLossConfig clef = defaults.clefLoss().withMetadata(mode);
        TrainConfig config = parse(() -> defaults.withLoss(loss)
                .withClefLoss(args.has("temperature") ? clef.withTemperature(args.number("temperature", 0)) : clef)
                .withMoco(defaults.moco().withQueueSize(args.integer("moco-queue", defaults.moco().queueSize())))
                .withLength(args.integer("epochs", TrainConfig.DEFAULT_EPOCHS),
                        args.has("steps") ? args.integer("steps", 0) : Long.MAX_VALUE)
                .withBatch(args.integer("batch", TrainConfig.DEFAULT_BATCH), args.integer("window", TrainConfig.DEFAULT_WINDOW))
                .withSchedule(args.integer("t0", TrainConfig.DEFAULT_T0), args.integer("t-mult", TrainConfig.DEFAULT_T_MULT),
                        args.number("eta-min", TrainConfig.DEFAULT_ETA_MIN))
                .withOptimizer(args.number("lr", TrainConfig.DEFAULT_LR), args.number("weight-decay",
                        TrainConfig.DEFAULT_WEIGHT_DECAY), args.number("clip-grad", 0))
                .withRun(seed,
                        args.integer("checkpoint-every", TrainConfig.DEFAULT_CHECKPOINT_EVERY),
                        args.integer("loaders", TrainConfig.DEFAULT_LOADERS)), "invalid settings");
        args.finish();
        if (!args.positionals().isEmpty()) {
            throw new CliException("unexpected argument '" + args.positionals().get(0) + "'");
        }
        if (threads < 1) {
            throw new CliException("--threads " + threads + ": expected a positive thread count");
        }
        if (metadataPath != null && !Files.isRegularFile(metadataPath)) {
            throw new CliException("--metadata " + metadataPath + ": no such file");
        }
        if (noiseFile != null && !Files.isRegularFile(noiseFile)) {
            throw new CliException("--noise " + noiseFile + ": no such file");
        }

        TrainingSet data = TrainingData.open(dataPath, new TrainingData.Options(config.window(), shortRecords, leads));
        MetadataCsv csv = metadataPath == null ? null : MetadataCsv.read(metadataPath);
        ClinicalMetadata metadata = ClinicalMetadata.resolve(data, csv, region);
        NoiseSource noise = noise(noiseFile, data);

        Backend previous = Backends.current();
        Backends.use(backend(backendName, threads, threadsGiven, err), "jclef pretrain --backend " + (backendName == null ? "simd"
                : backendName) + (backendName == null || backendName.equalsIgnoreCase("simd") ? " --threads " + threads : ""));
        try {
            Pretrainer trainer = new Pretrainer(config, data, metadata, ViewSampler.clef(noise), outDir, err);
            Pretrainer.Result r = trainer.run(resume);
            out.printf(Locale.ROOT, "pretrained %s with %s: %d steps (%d this run), loss %.5f -> %.5f%n", model.name(),
                    loss.cliName(), r.steps(), r.stepsThisRun(), r.firstLoss(), r.lastLoss());
            if (r.stepsThisRun() > 0) {
                out.printf(Locale.ROOT, "mean step %.3f s (%.3f steps/s), data wait %.3f s per step%n", r.meanStepSeconds(),
                        1 / r.meanStepSeconds(), r.meanWaitSeconds());
            }
            out.println("encoder: " + r.encoder());
            out.println("checkpoint: " + r.checkpoint());
            return 0;
        } finally {
            Backends.use(previous, "restored after jclef pretrain");
        }
    }

    private static Net1DConfig model(String value) throws IOException {
        if (value.toLowerCase(Locale.ROOT).endsWith(".json")) {
            Path file = Path.of(value);
            if (!Files.isRegularFile(file)) {
                throw new CliException("--model " + value + ": no such configuration file");
            }
            return Net1DConfig.fromJson(Files.readString(file), file.toString());
        }
        return parse(() -> Net1DConfig.byName(value), "--model");
    }

    private static long seed(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new CliException("--seed expects an integer, got '" + value + "'");
        }
    }

    private static MetadataMode metadataMode(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "risk" -> MetadataMode.RISK_ONLY;
            case "mask" -> MetadataMode.MISSING_MASK;
            default -> throw new CliException("--metadata-mode " + value + ": expected risk or mask");
        };
    }

    /** The real-noise file when given (every training lead must have a noise row), else synthetic noise. */
    private static NoiseSource noise(Path file, TrainingSet data) throws IOException {
        if (file == null) {
            return new SyntheticNoise();
        }
        LeadRowLookup lookup = LeadRowLookup.BY_LEAD_NAME;
        for (TrainingRecord r : data.records()) {
            for (String lead : r.leadNames()) {
                try {
                    lookup.row(lead);
                } catch (IllegalArgumentException e) {
                    throw new CliException("--noise: record " + r.id() + ": " + e.getMessage()
                            + "; choose leads with a noise row with --leads");
                }
            }
        }
        return RealNoise.fromMat(file, lookup);
    }

    private static Backend backend(String name, int threads, boolean threadsGiven, PrintStream err) {
        BackendKind kind = name == null ? (Backends.vectorApiPresent() ? BackendKind.SIMD : BackendKind.SCALAR)
                : parse(() -> BackendKind.parse(name, "--backend"), "--backend");
        if (threadsGiven && kind != BackendKind.SIMD) {
            err.println("jclef pretrain: --threads sets the simd backend's pool; the " + kind.id() + " backend ignores it");
        }
        return switch (kind) {
            case SIMD -> {
                if (!Backends.vectorApiPresent()) {
                    throw new CliException("--backend simd needs the Vector API (pass --add-modules jdk.incubator.vector)");
                }
                yield new SimdBackend(threads);
            }
            case SCALAR -> new ScalarBackend();
            case OPENCL -> Backends.create(BackendKind.OPENCL);
        };
    }

    private interface Parser<T> {
        T get();
    }

    /** Runs {@code parser}, turning a rejected value into a {@link CliException} naming {@code what}. */
    private static <T> T parse(Parser<T> parser, String what) {
        try {
            return parser.get();
        } catch (CliException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new CliException(what + ": " + e.getMessage());
        }
    }
}
