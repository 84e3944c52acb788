package org.jclef.clef.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.jclef.clef.augment.ViewSampler;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.model.Net1DFiles;
import org.jclef.clef.report.ProgressBar;
import org.jclef.clef.report.SvgPlot;
import org.jclef.nn.optim.Adam;
import org.jclef.nn.optim.CosineWarmRestarts;
import org.jclef.nn.optim.Scheduler;
import org.jclef.tensor.Backends;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.io.Json;

/**
 * The pretraining loop (spec §6): batches of two augmented views per patient from a
 * {@link BatchLoader}, the {@link Objective}'s loss, back-propagation, AdamW, and the cosine
 * warm-restart schedule stepped once per epoch.
 *
 * <p>Per step: wait for the batch; forward and loss; backward; the global gradient norm (clipped
 * when configured); AdamW, which skips parameters without a gradient (Net1D's unused BatchNorm
 * parameters, spec §6); the objective's after-step work (MoCo's enqueue). Each step is logged to
 * {@code metrics.csv}; a progress bar per epoch shows the loss, steps/s and ETA.
 *
 * <p>Output folder: {@code checkpoint.safetensors} (the full training state, every
 * {@link TrainConfig#checkpointEvery()} steps and at the end), {@code encoder.safetensors} (the
 * encoder alone, jclef's Net1D format, for {@code jclef embed --weights}), {@code metrics.csv},
 * {@code loss.svg} and {@code train.log}. Files are replaced atomically, so a failed write never
 * damages the previous checkpoint. {@link #run} with {@code resume} continues from the checkpoint
 * and ends with the same weights, bit for bit, as a run that was never interrupted.
 */
public final class Pretrainer {
    public static final String CHECKPOINT = "checkpoint.safetensors";
    public static final String ENCODER = "encoder.safetensors";
    public static final String PLOT = "loss.svg";

    private final TrainConfig config;
    private final TrainingSet data;
    private final ClinicalMetadata metadata;
    private final ViewSampler sampler;
    private final Path out;
    private final RunLog log;
    private final List<Consumer<StepRecord>> listeners = new ArrayList<>();
    private Net1D encoder;
    private TrainingStep step;
    private Adam optimizer;
    private Objective objective;
    private Scheduler scheduler;
    private MetricsLog metrics;
    private TrainingCheckpoint.Position position;
    private long lastCheckpoint = -1;
    private double elapsedBefore;
    private final List<Double> stepTimes = new ArrayList<>();
    private final List<Double> waitTimes = new ArrayList<>();
    private double firstLoss = Double.NaN;
    private double lastLoss = Double.NaN;

    /** What a finished run did and where it put its files. */
    public record Result(long steps, int epochs, long stepsThisRun, double firstLoss, double lastLoss,
                         double meanStepSeconds, double meanWaitSeconds, Path checkpoint, Path encoder, Path metrics,
                         Path plot) {
    }

    /**
     * @param console where the run log and progress bars go
     */
    public Pretrainer(TrainConfig config, TrainingSet data, ClinicalMetadata metadata, ViewSampler sampler, Path out,
                      PrintStream console) {
        if (metadata.size() != data.size()) {
            throw new IllegalArgumentException("Pretrainer: metadata for " + metadata.size() + " patients, data set of "
                    + data.size());
        }
        this.config = config;
        this.data = data;
        this.metadata = metadata;
        this.sampler = sampler;
        this.out = out;
        this.log = new RunLog(console);
    }

    /** Calls {@code listener} after every step, on the training thread (an exception stops the run). */
    public void onStep(Consumer<StepRecord> listener) {
        listeners.add(listener);
    }

    /** The encoder being trained (after {@link #run}: its final weights). */
    public Net1D encoder() {
        return encoder;
    }

    /** The optimiser's state (after {@link #run}: the final moments and step counts). */
    public Map<String, Tensor> optimizerState() {
        return optimizer.stateDict();
    }

    /**
     * Trains until the configured number of epochs or steps.
     *
     * @param resume continue from the output folder's checkpoint (required to exist); without it the
     *               folder must hold no previous run
     * @throws IOException for unreadable records, an unwritable output folder or a bad checkpoint
     */
    public Result run(boolean resume) throws IOException {
        if (encoder != null) {
            throw new IllegalStateException("a Pretrainer runs once; create a new one (with resume) to continue");
        }
        Path checkpointFile = out.resolve(CHECKPOINT);
        prepareOutput(resume, checkpointFile);
        try (RunLog runLog = log) {
            runLog.attach(out.resolve(RunLog.FILE));
            try {
                return train(resume, checkpointFile);
            } catch (IOException | RuntimeException e) {
                runLog.toFile("stopped: " + e.getMessage() + (lastCheckpoint >= 0
                        ? " (the last checkpoint is at step " + lastCheckpoint + ")" : ""));
                throw e;
            }
        }
    }

    private Result train(boolean resume, Path checkpointFile) throws IOException {
        EpochPlan plan = new EpochPlan(data.size(), config.batchSize(), config.seed());
        encoder = Net1D.create(config.model(), ItemSeeds.init(config.seed(), 0));
        step = TrainingStep.create(config, encoder);
        objective = step.objective();
        optimizer = step.optimizer();
        scheduler = new Scheduler(optimizer, new CosineWarmRestarts(config.lr(), config.t0(), config.tMult(),
                config.etaMin()));
        position = new TrainingCheckpoint.Position(0, 0, 0);
        elapsedBefore = 0;
        lastCheckpoint = -1;
        if (resume) {
            restore(checkpointFile, plan);
        }
        logStart(resume, plan);

        long batches = Math.min(config.maxSteps() - position.step(),
                (long) (config.epochs() - position.epoch()) * plan.batchesPerEpoch() - position.batch());
        Path metricsFile = out.resolve(MetricsLog.FILE);
        try (MetricsLog metricsLog = resume ? MetricsLog.resume(metricsFile, objective.terms(), position.step())
                : MetricsLog.create(metricsFile, objective.terms())) {
            metrics = metricsLog;
            if (batches <= 0) {
                log.info("nothing to train: the checkpoint is at step " + position.step() + ", epoch " + position.epoch()
                        + ", and the run stops at " + config.epochs() + " epochs / " + stepCap() + " steps");
            } else {
                trainBatches(plan, batches, checkpointFile);
            }
            if (lastCheckpoint != position.step()) {
                saveCheckpoint(checkpointFile, elapsedBefore);
            }
            Net1DFiles.save(encoder, out.resolve(ENCODER));
            Path plot = out.resolve(PLOT);
            writePlot(metricsLog, plot);
            Result result = new Result(position.step(), position.epoch(), stepTimes.size(), firstLoss, lastLoss,
                    meanAfterFirst(stepTimes), meanAfterFirst(waitTimes), checkpointFile, out.resolve(ENCODER),
                    metricsFile, plot);
            logEnd(result);
            return result;
        }
    }

    /** Loads the checkpoint into the fresh model, objective, optimiser and schedule, after checking it fits. */
    private void restore(Path checkpointFile, EpochPlan plan) throws IOException {
        TrainingCheckpoint.Saved saved = TrainingCheckpoint.read(checkpointFile);
        checkCompatible(checkpointFile, saved, plan);
        try {
            encoder.loadStateDict(saved.model());
            objective.loadState(saved.objective());
            optimizer.loadStateDict(saved.optimizer());
        } catch (IllegalArgumentException e) {
            throw new IOException(checkpointFile + " does not fit this run: " + e.getMessage(), e);
        }
        scheduler.setSteps(saved.schedulerSteps());
        position = saved.position();
        elapsedBefore = saved.elapsedSeconds();
        lastCheckpoint = position.step();
    }

    /** Trains {@code batches} steps from the current position, epoch by epoch. */
    private void trainBatches(EpochPlan plan, long batches, Path checkpointFile) throws IOException {
        long start = System.nanoTime();
        try (BatchLoader loader = new BatchLoader(data, metadata, config.clefLoss().metadata(), sampler, plan,
                config.window(), config.loaders(), 2 * config.loaders(),
                new BatchLoader.Span(position.epoch(), position.batch(), batches), log::info)) {
            long done = 0;
            while (done < batches) {
                int epoch = position.epoch();
                long inEpoch = Math.min(plan.batchesPerEpoch() - position.batch(), batches - done);
                double lossSum = 0;
                try (ProgressBar bar = new ProgressBar(log.console(), String.format(Locale.ROOT, "epoch %d/%d",
                        epoch + 1, config.epochs()), inEpoch)) {
                    for (long i = 0; i < inEpoch; i++) {
                        lossSum += trainOne(loader, plan, bar, start, checkpointFile);
                    }
                }
                done += inEpoch;
                if (position.epoch() > epoch) {
                    log.info(String.format(Locale.ROOT, "epoch %d done: mean loss %.5f over %d steps, next lr %.3e",
                            epoch + 1, lossSum / inEpoch, inEpoch, optimizer.learningRate()));
                }
            }
        }
        elapsedBefore += (System.nanoTime() - start) / 1e9;
    }

    /** One step: the next batch, the training step, the position and schedule, metrics, checkpoint. */
    private double trainOne(BatchLoader loader, EpochPlan plan, ProgressBar bar, long start, Path checkpointFile)
            throws IOException {
        long t0 = System.nanoTime();
        ViewBatch batch = loader.next();
        long t1 = System.nanoTime();
        double lr = optimizer.learningRate();
        TrainingStep.Outcome outcome = step.run(batch);
        long t2 = System.nanoTime();
        double loss = outcome.loss();
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("the loss became " + loss + " at step " + (position.step() + 1)
                    + "; the last checkpoint is " + (lastCheckpoint >= 0 ? "at step " + lastCheckpoint
                    : "not written yet") + " (lower --lr or set --clip-grad)");
        }
        int epoch = position.epoch();
        position = advance(position, plan, scheduler);
        double elapsed = elapsedBefore + (t2 - start) / 1e9;
        StepRecord record = new StepRecord(position.step(), epoch, batch.batch(), batch.patients(), lr, loss,
                outcome.terms(), outcome.gradNorm(), (t2 - t1) / 1e9, (t1 - t0) / 1e9, elapsed);
        stepTimes.add(record.stepSeconds());
        waitTimes.add(record.waitSeconds());
        firstLoss = Double.isNaN(firstLoss) ? loss : firstLoss;
        lastLoss = loss;
        metrics.append(record);
        bar.step(String.format(Locale.ROOT, "loss=%.4f lr=%.2e", loss, lr));
        if (position.step() % config.checkpointEvery() == 0) {
            saveCheckpoint(checkpointFile, elapsed);
        }
        for (Consumer<StepRecord> listener : listeners) {
            listener.accept(record);
        }
        return loss;
    }

    /** The position after one more step; at the end of an epoch the schedule advances one epoch. */
    private static TrainingCheckpoint.Position advance(TrainingCheckpoint.Position p, EpochPlan plan, Scheduler scheduler) {
        if (p.batch() + 1 == plan.batchesPerEpoch()) {
            scheduler.step();
            return new TrainingCheckpoint.Position(p.step() + 1, p.epoch() + 1, 0);
        }
        return new TrainingCheckpoint.Position(p.step() + 1, p.epoch(), p.batch() + 1);
    }

    /** The settings a resumed run must share: the configuration's, the noise source and the window layout. */
    private Map<String, Object> trajectory() {
        Map<String, Object> t = config.trajectory();
        t.put("noise", sampler.noise().describe());
        return t;
    }

    // ---------------------------------------------------------------- output folder and checkpoints

    private void prepareOutput(boolean resume, Path checkpointFile) throws IOException {
        try {
            Files.createDirectories(out);
            Path probe = Files.createTempFile(out, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IOException("--out " + out + " is not a writable folder (" + e.getMessage() + ")", e);
        }
        if (resume && !Files.exists(checkpointFile)) {
            throw new IOException("--resume: " + out + " holds no " + CHECKPOINT + " to continue from"
                    + (Files.exists(out.resolve(MetricsLog.FILE)) ? " (the previous run stopped before its first checkpoint;"
                    + " delete its files or choose another --out to start afresh)" : ""));
        }
        if (!resume) {
            for (String name : List.of(CHECKPOINT, MetricsLog.FILE, ENCODER)) {
                if (Files.exists(out.resolve(name))) {
                    throw new IOException(out + " already holds a run (" + name + "); pass --resume to continue it, "
                            + "or choose another --out (nothing was changed)");
                }
            }
        }
    }

    private void checkCompatible(Path file, TrainingCheckpoint.Saved saved, EpochPlan plan) throws IOException {
        Map<String, Object> trajectory = trajectory();
        List<String> differences = new ArrayList<>();
        for (String key : trajectory.keySet()) {
            String now = Json.write(trajectory.get(key));
            Object before = saved.trajectory().get(key);
            if (before == null || !Json.write(before).equals(now)) {
                differences.add(key + " was " + (before == null ? "absent" : Json.write(before)) + ", now " + now);
            }
        }
        for (String key : saved.trajectory().keySet()) {
            if (!trajectory.containsKey(key)) {
                differences.add(key + " was " + Json.write(saved.trajectory().get(key)) + ", now absent");
            }
        }
        if (!saved.dataFingerprint().equals(data.fingerprint())) {
            differences.add("the data set was " + saved.dataFingerprint() + " (records:hash), now " + data.fingerprint());
        }
        if (!differences.isEmpty()) {
            throw new IOException("--resume: " + file + " was written by a run with other settings; resuming would not "
                    + "continue it: " + String.join("; ", differences));
        }
        if (saved.position().batch() >= plan.batchesPerEpoch()) {
            throw new IOException(file + ": batch " + saved.position().batch() + " is outside an epoch of "
                    + plan.batchesPerEpoch() + " batches");
        }
    }

    private void saveCheckpoint(Path file, double elapsed) throws IOException {
        try {
            TrainingCheckpoint.write(file, new TrainingCheckpoint.Saved(position, scheduler.steps(), elapsed, trajectory(),
                    data.fingerprint(), encoder.stateDict(), optimizer.stateDict(), objective.state()));
        } catch (IOException e) {
            throw new IOException("writing the checkpoint at step " + position.step() + " failed (" + e.getMessage()
                    + "); " + (Files.exists(file) ? "the previous " + file + " is intact" : "no checkpoint was kept"), e);
        }
        lastCheckpoint = position.step();
    }

    /** The loss, its epoch means and its terms against the step, over the whole run (resumed parts included). */
    private void writePlot(MetricsLog metrics, Path file) throws IOException {
        double[] steps = metrics.steps();
        if (steps.length == 0) {
            return;
        }
        SvgPlot plot = new SvgPlot("Pretraining loss (" + config.loss().cliName() + ", " + config.model().name() + ")",
                "step", "loss");
        plot.line("loss", steps, metrics.lossColumn(0));
        double[][] epochs = metrics.epochMeans();
        plot.line("epoch mean", epochs[0], epochs[1]);
        List<String> terms = objective.terms();
        for (int k = 0; k < terms.size(); k++) {
            plot.dashedLine(terms.get(k), steps, metrics.lossColumn(k + 1));
        }
        plot.write(file);
    }

    // ---------------------------------------------------------------- logging

    private String stepCap() {
        return config.maxSteps() == Long.MAX_VALUE ? "unlimited" : Long.toString(config.maxSteps());
    }

    private void logStart(boolean resume, EpochPlan plan) {
        log.info("jclef pretrain: " + (resume ? "resuming at step " + position.step() + " (epoch " + (position.epoch() + 1)
                + ", batch " + position.batch() + ")" : "new run") + " in " + out);
        log.info("data: " + data.description() + ": " + data.size() + " patients, fingerprint " + data.fingerprint());
        for (String note : data.notes()) {
            log.info("data: " + note);
        }
        log.info(String.format(Locale.ROOT, "batches: %d patients (%d views of %d samples at 500 Hz), %d batches per epoch%s",
                config.batchSize(), 2 * config.batchSize(), config.window(), plan.batchesPerEpoch(),
                plan.droppedPerEpoch() > 0 ? ", 1 patient left out per epoch (a last batch of one has no negatives)" : ""));
        for (String line : metadata.report(config.clefLoss().metadata())) {
            log.info("metadata: " + line);
        }
        log.info("views: " + sampler.noise().describe());
        log.info("model: " + config.model().name() + " (" + encoder.parameterCount() + " parameters incl. unused "
                + "BatchNorm, which gets no gradient and is skipped by AdamW), embedding D = " + encoder.embeddingDim());
        log.info("loss: " + objective.describe());
        log.info(String.format(Locale.ROOT, "optimiser: AdamW lr %.3g, weight decay %.3g, betas (%.3g, %.4g), eps %.0e%s; "
                        + "cosine warm restarts per epoch T0 %d, T_mult %d, eta_min %.1e", config.lr(), config.weightDecay(),
                TrainConfig.BETA1, TrainConfig.BETA2, TrainConfig.EPS,
                config.clipGradNorm() > 0 ? ", gradient norm clipped to " + config.clipGradNorm() : "",
                config.t0(), config.tMult(), config.etaMin()));
        log.info("run: seed " + config.seed() + ", at most " + config.epochs() + " epochs / " + stepCap() + " steps, "
                + "checkpoint every " + config.checkpointEvery() + " steps, " + config.loaders() + " loader thread(s), "
                + "backend " + Backends.current().name() + " (" + Backends.reason() + ")");
    }

    private void logEnd(Result r) {
        log.info(String.format(Locale.ROOT, "done: %d steps in all (%d this run), epoch %d; loss %.5f -> %.5f",
                r.steps(), r.stepsThisRun(), r.epochs(), r.firstLoss(), r.lastLoss()));
        if (r.stepsThisRun() > 0) {
            log.info(String.format(Locale.ROOT, "step time: %.3f s (%.2f steps/s) after the first step; waiting for data "
                    + "%.3f s per step", r.meanStepSeconds(), 1 / r.meanStepSeconds(), r.meanWaitSeconds()));
        }
        log.info("wrote " + r.checkpoint() + ", " + r.encoder() + ", " + r.metrics() + ", " + r.plot());
    }

    /** Mean of all but the first value (which includes JIT warm-up), or of the only one. */
    private static double meanAfterFirst(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> rest = values.size() > 1 ? values.subList(1, values.size()) : values;
        return rest.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
