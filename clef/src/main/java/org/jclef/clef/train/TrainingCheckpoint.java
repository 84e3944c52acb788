package org.jclef.clef.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jclef.nn.StateDicts;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.io.Json;

/**
 * A pretraining checkpoint: one safetensors file holding everything a resumed run needs to continue
 * bit for bit, so that it can never be half-written (the file is written beside its final name and
 * renamed into place, see {@link org.jclef.tensor.io.SafeTensors#write}).
 *
 * <p>Tensors: {@code model/<state-dict key>} (the encoder, PyTorch's keys), {@code optimizer/…}
 * (AdamW's learning rate, β₁ and per-parameter moments and step counts), {@code objective/…}
 * (BYOL's predictor and target, MoCo's key encoder and queue). Metadata: the format, the position
 * (optimiser steps taken, the epoch and batch to run next), the scheduler's epoch count, the
 * training time so far, the settings that decide the trajectory and the data set's fingerprint.
 * The random state needs no entry: every draw derives from (seed, epoch, item), see {@link ItemSeeds}.
 */
final class TrainingCheckpoint {
    static final String FORMAT = "jclef-pretrain-1";

    /** Optimiser steps taken, and the (epoch, batch) the next step trains on. */
    record Position(long step, int epoch, int batch) {
    }

    /**
     * Everything in a checkpoint.
     *
     * @param trajectory      {@link TrainConfig#trajectory()} plus the noise source
     * @param dataFingerprint {@link TrainingSet#fingerprint()}
     */
    record Saved(Position position, long schedulerSteps, double elapsedSeconds, Map<String, Object> trajectory,
                 String dataFingerprint, Map<String, Tensor> model, Map<String, Tensor> optimizer,
                 Map<String, Tensor> objective) {
    }

    private TrainingCheckpoint() {
    }

    static void write(Path file, Saved s) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>(StateMaps.prefixed("model", s.model()));
        tensors.putAll(StateMaps.prefixed("optimizer", s.optimizer()));
        tensors.putAll(StateMaps.prefixed("objective", s.objective()));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("step", Long.toString(s.position().step()));
        meta.put("epoch", Integer.toString(s.position().epoch()));
        meta.put("batch", Integer.toString(s.position().batch()));
        meta.put("scheduler_steps", Long.toString(s.schedulerSteps()));
        meta.put("elapsed_seconds", Double.toString(s.elapsedSeconds()));
        meta.put("trajectory", Json.write(s.trajectory()));
        meta.put("data", s.dataFingerprint());
        StateDicts.save(file, tensors, meta);
    }

    /**
     * Reads a checkpoint.
     *
     * @throws IOException naming the file and what is wrong with it (damaged, not a jclef
     *                     pretraining checkpoint, missing or malformed entries)
     */
    static Saved read(Path file) throws IOException {
        Map<String, String> meta;
        Map<String, Tensor> tensors;
        try {
            meta = StateDicts.metadata(file);
            tensors = StateDicts.read(file);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is damaged and cannot be read (" + e.getMessage() + ")", e);
        }
        if (!FORMAT.equals(meta.get("format"))) {
            throw new IOException(file + " is not a jclef pretraining checkpoint (format "
                    + (meta.containsKey("format") ? "'" + meta.get("format") + "'" : "absent") + ", expected '" + FORMAT + "')");
        }
        Position position = new Position(number(file, meta, "step"), (int) number(file, meta, "epoch"),
                (int) number(file, meta, "batch"));
        long schedulerSteps = number(file, meta, "scheduler_steps");
        double elapsed;
        Map<String, Object> trajectory;
        try {
            elapsed = Double.parseDouble(require(file, meta, "elapsed_seconds"));
            trajectory = Json.parseObject(require(file, meta, "trajectory"), file + " metadata 'trajectory'");
        } catch (RuntimeException e) {
            throw new IOException(file + ": malformed checkpoint metadata (" + e.getMessage() + ")", e);
        }
        Map<String, Tensor> model = StateMaps.part("model", tensors);
        Map<String, Tensor> optimizer = StateMaps.part("optimizer", tensors);
        Map<String, Tensor> objective = StateMaps.part("objective", tensors);
        if (model.isEmpty() || optimizer.isEmpty() || model.size() + optimizer.size() + objective.size() != tensors.size()) {
            throw new IOException(file + ": expected model/…, optimizer/… and objective/… tensors, found "
                    + model.size() + ", " + optimizer.size() + " and " + objective.size() + " of " + tensors.size());
        }
        return new Saved(position, schedulerSteps, elapsed, trajectory, require(file, meta, "data"), model, optimizer,
                objective);
    }

    private static String require(Path file, Map<String, String> meta, String key) throws IOException {
        String v = meta.get(key);
        if (v == null) {
            throw new IOException(file + ": checkpoint metadata lacks '" + key + "'");
        }
        return v;
    }

    private static long number(Path file, Map<String, String> meta, String key) throws IOException {
        String v = require(file, meta, key);
        try {
            long n = Long.parseLong(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException(file + ": checkpoint metadata '" + key + "' is '" + v + "', expected a count >= 0");
    }
}
