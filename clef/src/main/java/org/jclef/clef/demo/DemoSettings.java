package org.jclef.clef.demo;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code jclef demo} runs. {@link #full} is the main demonstration (5–10 minutes on two
 * cores), {@link #quick} a one-minute smoke version of the same pipeline.
 *
 * @param out               the report folder
 * @param quick             whether this is the smoke version (fewer records, a few steps)
 * @param seed              seeds the encoders' common initialisation, batch order and augmentation
 * @param steps             optimiser steps of each pretraining run
 * @param batchPatients     patients per pretraining batch (two views each)
 * @param learningRate      AdamW's learning rate in pretraining
 * @param pretrainPerFold   pretraining records per PTB-XL fold 1–5 (0: all of them)
 * @param probePerFold      evaluation records per PTB-XL fold 6–10 (0: all of them)
 * @param bootstrap         bootstrap resamples of every confidence interval
 * @param risk              where the CLEF loss's risk comes from
 */
public record DemoSettings(Path out, boolean quick, long seed, int steps, int batchPatients, double learningRate,
                           int pretrainPerFold, int probePerFold, int bootstrap, RiskSource risk) {

    /**
     * Steps per loss in the full demo, chosen after measuring: about 0.5–1.2 s per step of 64
     * patients on a shared two-core machine, so the whole demo takes about 5 minutes there and
     * stays under 10 on a busier one (see the README and the report).
     */
    public static final int FULL_STEPS = 150;
    /** The specification's batch of 64 patients (128 views). */
    public static final int FULL_BATCH = 64;
    public static final int QUICK_STEPS = 2;
    public static final int QUICK_BATCH = 6;
    /**
     * Ten times the specification's 1e−4: with a few dozen steps the spec's rate would leave the
     * encoders almost exactly at their common initialisation.
     */
    public static final double LEARNING_RATE = 1e-3;

    /** The risk the CLEF loss weighs negatives by. */
    public enum RiskSource {
        /**
         * SCORE2 from PTB-XL's age and sex with every other input at the model's reference value
         * (SBP 120 mmHg, total cholesterol 6.0 mmol/L, HDL 1.3 mmol/L, non-smoker, no diabetes;
         * region moderate): an age-and-sex proxy, not a patient's SCORE2.
         */
        AGE_SEX_PROXY("age-sex"),
        /** No risk at all: the reference's behaviour for missing metadata (every risk counts as 0). */
        NONE("none");

        private final String cliName;

        RiskSource(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }

        public static RiskSource parse(String name) {
            for (RiskSource r : values()) {
                if (r.cliName.equals(name.strip().toLowerCase(Locale.ROOT))) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown risk source '" + name + "', expected age-sex or none");
        }
    }

    public DemoSettings {
        if (steps < 1 || batchPatients < 2 || !(learningRate > 0) || pretrainPerFold < 0 || probePerFold < 0
                || bootstrap < 0) {
            throw new IllegalArgumentException("demo settings: steps >= 1, batch >= 2, lr > 0, record counts >= 0 and "
                    + "bootstrap >= 0 expected, got " + this);
        }
    }

    /** The full demonstration: all 240 committed records, {@value #FULL_STEPS} steps of 64 patients per loss. */
    public static DemoSettings full(Path out, long seed) {
        return new DemoSettings(out, false, seed, FULL_STEPS, FULL_BATCH, LEARNING_RATE, 0, 0, 1000,
                RiskSource.AGE_SEX_PROXY);
    }

    /** The smoke version: 15 + 40 records, {@value #QUICK_STEPS} steps of 6 patients per loss, 200 resamples. */
    public static DemoSettings quick(Path out, long seed) {
        return new DemoSettings(out, true, seed, QUICK_STEPS, QUICK_BATCH, LEARNING_RATE, 3, 8, 200,
                RiskSource.AGE_SEX_PROXY);
    }

    public DemoSettings withSteps(int value) {
        return new DemoSettings(out, quick, seed, value, batchPatients, learningRate, pretrainPerFold, probePerFold,
                bootstrap, risk);
    }

    public DemoSettings withBatch(int value) {
        return new DemoSettings(out, quick, seed, steps, value, learningRate, pretrainPerFold, probePerFold, bootstrap,
                risk);
    }

    public DemoSettings withLearningRate(double value) {
        return new DemoSettings(out, quick, seed, steps, batchPatients, value, pretrainPerFold, probePerFold, bootstrap,
                risk);
    }

    public DemoSettings withBootstrap(int value) {
        return new DemoSettings(out, quick, seed, steps, batchPatients, learningRate, pretrainPerFold, probePerFold,
                value, risk);
    }

    public DemoSettings withRisk(RiskSource value) {
        return new DemoSettings(out, quick, seed, steps, batchPatients, learningRate, pretrainPerFold, probePerFold,
                bootstrap, value);
    }

    /** The command line that repeats this run. */
    public String command() {
        StringBuilder sb = new StringBuilder("./jclef demo");
        if (quick) {
            sb.append(" --quick");
        }
        sb.append(" --out ").append(out);
        sb.append(" --seed ").append(seed);
        sb.append(" --steps ").append(steps);
        sb.append(" --batch ").append(batchPatients);
        sb.append(" --lr ").append(learningRate);
        sb.append(" --bootstrap ").append(bootstrap);
        sb.append(" --risk ").append(risk.cliName());
        return sb.toString();
    }
}
