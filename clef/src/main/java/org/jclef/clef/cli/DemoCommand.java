package org.jclef.clef.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.jclef.clef.demo.Demo;
import org.jclef.clef.demo.DemoSettings;

/** {@code jclef demo}: pretrain CLEF and NT-Xent on the committed PTB-XL subset, probe them, write a report. */
final class DemoCommand implements Command {
    static final String DEFAULT_OUT = "jclef-demo";

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "pretrain CLEF and NT-Xent on bundled PTB-XL data, probe them and a random init, write a report";
    }

    @Override
    public String usage() {
        return """
                usage: jclef demo [--quick] [--out DIR] [--seed 42] [--steps N] [--batch B] [--lr LR]
                                  [--bootstrap 1000] [--risk age-sex|none]

                The whole CLEF pipeline on the PTB-XL subset committed with jclef (240 ECGs, CC BY 4.0),
                in 5-10 minutes on two cores:
                  1. pretrain CLEF-Small with the CLEF loss and with NT-Xent (same initialisation, batches,
                     augmentations, budget and seed) on the patients of PTB-XL folds 1-5;
                  2. linear-probe both and their common random initialisation on folds 6-10 (sex, age,
                     NORM vs abnormal, the 5 diagnostic superclasses; 5-fold cross-validation);
                  3. print the results table with 95%% bootstrap CIs and an honest verdict, and write the
                     report folder: report.md with the table, loss curves, ROC curves and PCA plots
                     (SVG), the checkpoints, results.json and run.json (command, seed, versions, timings).

                  --quick      a one-minute smoke version (%d steps, 15 + 40 records); its numbers mean nothing
                  --out        the report folder (default %s; a previous demo report there is replaced)
                  --seed       seed of the common initialisation, batch order and augmentations (default 42)
                  --steps      pretraining steps per loss (default %d, measured to fit 10 minutes on two cores)
                  --batch      patients per pretraining batch, two views each (default %d)
                  --lr         AdamW learning rate (default %s; the spec's 1e-4 barely moves the weights in a
                               few dozen steps)
                  --bootstrap  bootstrap resamples of the confidence intervals (default 1000)
                  --risk       the CLEF loss's risk: age-sex (default: SCORE2 from PTB-XL's age and sex with
                               the other inputs at reference values, a proxy) or none (the reference's
                               behaviour for missing metadata: every risk counts as 0)"""
                .formatted(DemoSettings.QUICK_STEPS, DEFAULT_OUT, DemoSettings.FULL_STEPS, DemoSettings.FULL_BATCH,
                        DemoSettings.LEARNING_RATE);
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws IOException {
        boolean quick = args.flag("quick");
        Path dir = Path.of(args.string("out", DEFAULT_OUT));
        long seed = args.integer("seed", 42);
        DemoSettings settings = quick ? DemoSettings.quick(dir, seed) : DemoSettings.full(dir, seed);
        settings = settings.withSteps(args.integer("steps", settings.steps()))
                .withBatch(args.integer("batch", settings.batchPatients()))
                .withLearningRate(args.number("lr", settings.learningRate()))
                .withBootstrap(args.integer("bootstrap", settings.bootstrap()));
        String risk = args.string("risk", null);
        args.finish();
        if (!args.positionals().isEmpty()) {
            throw new CliException("unexpected argument '" + args.positionals().get(0) + "'");
        }
        if (risk != null) {
            try {
                settings = settings.withRisk(DemoSettings.RiskSource.parse(risk));
            } catch (IllegalArgumentException e) {
                throw new CliException("--risk: " + e.getMessage());
            }
        }
        Demo.run(settings, out, err);
        return 0;
    }
}
