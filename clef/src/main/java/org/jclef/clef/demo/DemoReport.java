package org.jclef.clef.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jclef.clef.api.ClefEncoder;
import org.jclef.clef.api.Embedding;
import org.jclef.clef.eval.MetricValue;
import org.jclef.clef.io.dataset.ManifestEntry;
import org.jclef.clef.report.SvgPlot;
import org.jclef.clef.tasks.MeanRoc;
import org.jclef.clef.tasks.Task;
import org.jclef.clef.tasks.TaskResult;
import org.jclef.clef.train.StepRecord;
import org.jclef.tensor.io.Json;

/**
 * Writes the demo's report folder: {@code report.md} (results table, verdict, figures, what was run,
 * how to reproduce it), {@code loss-*.svg}, {@code roc-*.svg}, {@code pca-*.svg}, {@code results.json}
 * (every metric, interval and comparison), {@code run.json} (command, seed, versions, timings) and
 * the pretraining folders with the checkpoints ({@code pretrain/clef}, {@code pretrain/ntxent}).
 */
final class DemoReport {
    static final String REPORT = "report.md";

    private DemoReport() {
    }

    /** Writes everything and returns the report file. */
    static Path write(Demo.Outcome o) throws IOException {
        Path dir = o.settings().out();
        List<String> lossFiles = new ArrayList<>();
        for (Demo.Pretraining p : o.pretraining()) {
            String file = "loss-" + p.loss().cliName() + ".svg";
            writeLossPlot(p, dir.resolve(file));
            lossFiles.add(file);
        }
        List<String> rocFiles = new ArrayList<>();
        for (Task task : o.tasks()) {
            if (task.type().equals("binary")) {
                String file = "roc-" + task.name() + ".svg";
                writeRocPlot(task, o.results().get(task.name()), dir.resolve(file));
                rocFiles.add(file);
            }
        }
        List<String> pcaFiles = new ArrayList<>();
        for (String encoder : Demo.ENCODERS) {
            String file = "pca-" + slug(encoder) + ".svg";
            writePcaPlot(encoder, o.embeddings().get(encoder), o.probeRecords(), dir.resolve(file));
            pcaFiles.add(file);
        }
        Files.writeString(dir.resolve("results.json"), Json.write(resultsJson(o)) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.txt"), resultsTable(o) + "\n" + String.join("\n", verdict(o)) + "\n",
                StandardCharsets.UTF_8);
        Path report = dir.resolve(REPORT);
        Files.writeString(report, markdown(o, lossFiles, rocFiles, pcaFiles), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(Demo.MARKER), Json.write(runJson(o)) + "\n", StandardCharsets.UTF_8);
        return report;
    }

    // ---------------------------------------------------------------- tables and verdict

    /** The plain-text results table: one row per task, the headline metric of each encoder with its CI. */
    static String resultsTable(Demo.Outcome o) {
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("task", "metric"));
        header.addAll(Demo.ENCODERS);
        rows.add(header.toArray(String[]::new));
        for (Task task : o.tasks()) {
            List<String> row = new ArrayList<>(List.of(task.name(), task.headlineMetric()));
            for (String encoder : Demo.ENCODERS) {
                row.add(valueWithInterval(o.results().get(task.name()).get(encoder).headline()));
            }
            rows.add(row.toArray(String[]::new));
        }
        int[] widths = new int[header.size()];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                widths[c] = Math.max(widths[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "linear probes on frozen lead-%s embeddings, %d records of PTB-XL folds 6-10, "
                + "5-fold CV, 95%% bootstrap CIs (AUROC: higher is better; MAE in years: lower is better)%n", Demo.LEAD,
                o.probeRecords().size()));
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < r.length; c++) {
                line.append(r[c]).append(" ".repeat(widths[c] - r[c].length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /**
     * The verdict in words, from the paired comparisons: for each pair, on how many tasks the
     * difference's interval lies above, below or around zero, then the bottom line.
     */
    static List<String> verdict(Demo.Outcome o) {
        List<String> lines = new ArrayList<>();
        int tasks = o.tasks().size();
        Map<Comparison.Verdict, List<String>> clefVsNtXent = tally(o, "CLEF", "NT-Xent");
        Map<Comparison.Verdict, List<String>> clefVsRandom = tally(o, "CLEF", "random init");
        Map<Comparison.Verdict, List<String>> ntXentVsRandom = tally(o, "NT-Xent", "random init");
        lines.add("verdict (paired bootstrap 95% intervals of the difference in each task's headline metric):");
        lines.add("  CLEF vs NT-Xent:        " + summary(clefVsNtXent, tasks));
        lines.add("  CLEF vs random init:    " + summary(clefVsRandom, tasks));
        lines.add("  NT-Xent vs random init: " + summary(ntXentVsRandom, tasks));
        List<String> beatsBoth = new ArrayList<>(clefVsNtXent.get(Comparison.Verdict.BETTER));
        beatsBoth.retainAll(clefVsRandom.get(Comparison.Verdict.BETTER));
        boolean worseSomewhere = !clefVsNtXent.get(Comparison.Verdict.WORSE).isEmpty()
                || !clefVsRandom.get(Comparison.Verdict.WORSE).isEmpty();
        if (!beatsBoth.isEmpty() && !worseSomewhere) {
            lines.add("  bottom line: CLEF beats both baselines on " + String.join(", ", beatsBoth)
                    + " and is not worse on any task.");
        } else if (!beatsBoth.isEmpty()) {
            lines.add("  bottom line: mixed: CLEF beats both baselines on " + String.join(", ", beatsBoth)
                    + " but is worse than a baseline elsewhere.");
        } else {
            lines.add("  bottom line: on this tiny data CLEF does not beat the baselines: on no task is it clearly "
                    + "better than both NT-Xent and the random-init encoder.");
        }
        lines.add(String.format(Locale.ROOT, "  scale: %d steps of %d patients on %d pretraining patients is a smoke-scale "
                + "run (the reference pretrains for up to 100 epochs on about 161,000 patients with real SCORE2 risks); "
                + "these numbers show the pipeline working, not what CLEF is worth.", o.settings().steps(),
                Math.min(o.settings().batchPatients(), o.pretrainSet().size()), o.pretrainSet().size()));
        return lines;
    }

    private static Map<Comparison.Verdict, List<String>> tally(Demo.Outcome o, String encoder, String baseline) {
        Map<Comparison.Verdict, List<String>> out = new LinkedHashMap<>();
        for (Comparison.Verdict v : Comparison.Verdict.values()) {
            out.put(v, new ArrayList<>());
        }
        for (Comparison c : o.comparisons()) {
            if (c.encoder().equals(encoder) && c.baseline().equals(baseline)) {
                out.get(c.verdict()).add(c.task());
            }
        }
        return out;
    }

    private static String summary(Map<Comparison.Verdict, List<String>> tally, int tasks) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Comparison.Verdict, List<String>> e : tally.entrySet()) {
            if (!e.getValue().isEmpty()) {
                parts.add(e.getKey().words() + " on " + e.getValue().size() + " (" + String.join(", ", e.getValue()) + ")");
            }
        }
        return String.join("; ", parts) + " of " + tasks + " tasks";
    }

    // ---------------------------------------------------------------- Markdown

    private static String markdown(Demo.Outcome o, List<String> lossFiles, List<String> rocFiles,
                                   List<String> pcaFiles) {
        DemoSettings s = o.settings();
        StringBuilder md = new StringBuilder();
        md.append("# jclef demo: CLEF vs NT-Xent vs random init on PTB-XL").append(s.quick() ? " (quick smoke run)" : "")
                .append("\n\n");
        md.append(String.format(Locale.ROOT, "Run %s. **Run time %s** (data %s, pretraining %s, embedding %s, probing %s) "
                        + "on %s cores.%n%n", ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                clock(o.stageSeconds().get("total")), clock(o.stageSeconds().get("data")),
                clock(o.stageSeconds().get("pretraining")), clock(o.stageSeconds().get("embedding")),
                clock(o.stageSeconds().get("probing")), o.runInfo().get("cores")));
        if (s.quick()) {
            md.append("> This is the `--quick` smoke version: a handful of records and steps to check that every stage "
                    + "runs. Its numbers mean nothing; run `./jclef demo` for the real demonstration.\n\n");
        }

        md.append("## Results\n\n");
        md.append(String.format(Locale.ROOT, "Linear probes on frozen lead-%s embeddings of %d evaluation records (PTB-XL "
                + "folds 6–10, never seen in pretraining), 5-fold cross-validation with PTB-XL's own patient-respecting "
                + "folds; value and 95%% bootstrap interval (%d resamples) of each task's headline metric. AUROC: higher is "
                + "better; MAE (years): lower is better. The best value per task is in bold.%n%n", Demo.LEAD,
                o.probeRecords().size(), s.bootstrap()));
        md.append("| task | metric | ").append(String.join(" | ", Demo.ENCODERS)).append(" |\n");
        md.append("|---|---|").append("---|".repeat(Demo.ENCODERS.size())).append('\n');
        for (Task task : o.tasks()) {
            Map<String, TaskResult> byEncoder = o.results().get(task.name());
            String best = best(task, byEncoder);
            md.append("| ").append(task.name()).append(" | ").append(task.headlineMetric());
            for (String encoder : Demo.ENCODERS) {
                String cell = valueWithInterval(byEncoder.get(encoder).headline());
                md.append(" | ").append(encoder.equals(best) ? "**" + cell + "**" : cell);
            }
            md.append(" |\n");
        }
        md.append("\nTasks: ");
        List<String> described = new ArrayList<>();
        for (Task task : o.tasks()) {
            described.add("`" + task.name() + "` " + task.description() + " (" + task.records().size() + " records)");
        }
        md.append(String.join("; ", described)).append(".\n\n");

        md.append("## Verdict\n\n");
        for (String line : verdict(o)) {
            md.append(line.startsWith("  ") ? "- " + line.strip() : line).append('\n');
        }
        md.append("\nPaired differences (first encoder minus second, with the 95% interval of the difference; the same "
                + "records and bootstrap draws for both):\n\n| task | metric | comparison | difference [95% CI] | "
                + "reading |\n|---|---|---|---|---|\n");
        for (Comparison c : o.comparisons()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s − %s | %s | %s |%n", c.task(), c.metric(), c.encoder(),
                    c.baseline(), c.describe(), c.verdict().words()));
        }

        md.append("\n## Figures\n\n");
        for (String file : lossFiles) {
            md.append("![loss curve](").append(file).append(")\n");
        }
        md.append("\nPretraining loss per step and its mean over each epoch (the two losses are on different scales; "
                + "an epoch's last, smaller batch has fewer negatives and a lower loss).\n\n");
        for (String file : rocFiles) {
            md.append("![ROC curve](").append(file).append(")\n");
        }
        md.append("\nROC curves: the five cross-validation rounds' curves averaged vertically; the legend gives the "
                + "table's AUROC (the mean of the rounds' AUROCs).\n\n");
        for (String file : pcaFiles) {
            md.append("![embedding scatter](").append(file).append(")\n");
        }
        md.append("\nThe evaluation records' embeddings projected on their first two principal components, coloured by "
                + "PTB-XL's NORM superclass.\n\n");

        md.append("## What was run\n\n");
        md.append("- **Data.** ").append(o.data().describe()).append(": the PTB-XL subset committed with jclef "
                + "(`data/demo/ptbxl`, CC BY 4.0; attribution and modifications in its README). PTB-XL's stratified, "
                + "patient-respecting folds split it: folds 1–5 for pretraining, folds 6–10 for evaluation. The records "
                + "are the 100 Hz versions, resampled to 500 Hz by jclef's polyphase resampler inside the `clef-v1` "
                + "recipe — a deviation from CLEF's 500 Hz sources (the reference itself resamples PTB-XL \"100 → 500 "
                + "Hz\", spec §9.2.6); nothing above 50 Hz is present, and CLEF's band-pass keeps 0.67–40 Hz.\n");
        md.append(String.format(Locale.ROOT, "- **Pretraining.** CLEF-Small (443,184 weights), once with the CLEF loss "
                        + "and once with NT-Xent, from the same initialisation (seed %d) with the same batches, augmentations "
                        + "(12-lead view pairs, band-pass, jclef's synthetic noise — a documented deviation from the "
                        + "reference's recorded noise — and zero-masking), AdamW (lr %s, weight decay 5e-4; the spec's "
                        + "lr is 1e-4, raised because the budget is tiny), cosine schedule over the run, %d steps of %d "
                        + "patients (%d views) each on %d patients. The step count was chosen after measuring the step "
                        + "time on a 2-core machine so that the whole demo stays near 10 minutes; `--steps` changes it.\n",
                s.seed(), number(s.learningRate()), s.steps(), Math.min(s.batchPatients(), o.pretrainSet().size()),
                2 * Math.min(s.batchPatients(), o.pretrainSet().size()), o.pretrainSet().size()));
        md.append("- **The CLEF loss's risk.** ").append(riskStatement(s.risk())).append(" The trainer reported:\n");
        for (String line : o.metadataReport()) {
            md.append("  - ").append(line).append('\n');
        }
        for (Demo.Pretraining p : o.pretraining()) {
            md.append(String.format(Locale.ROOT, "- **%s run:** %d steps in %s (%.2f s per step), loss %.4f → %.4f; "
                            + "encoder `%s`, full training state `%s`, per-step log `%s`.%n", p.name(),
                    p.result().steps(), clock(p.seconds()), p.result().meanStepSeconds(), p.result().firstLoss(),
                    p.result().lastLoss(), rel(o, p.result().encoder()), rel(o, p.result().checkpoint()),
                    rel(o, p.result().metrics())));
        }
        md.append("- **Random init.** The encoder both pretraining runs started from, untrained: the baseline that tells "
                + "what the architecture gives without any training.\n");
        md.append(String.format(Locale.ROOT, "- **Evaluation.** `clef-v1` preprocessing (spec §3.7) of lead %s, frozen "
                + "embeddings (D = 256), standardised on each training split; L2-regularised logistic regression "
                + "(ridge for age) with the penalty chosen on the validation fold (round f tests fold f, validates on fold "
                + "f+1, fits on the other three); each metric is the mean of the five rounds' values (pooling the rounds' "
                + "scores would compare differently fitted probes and bias AUROC below 0.5), its interval from a "
                + "percentile bootstrap over the held-out records (%d resamples, seed 42). Multilabel AUROC is the macro "
                + "average over the five superclasses in each round (undefined in a round that lacks a superclass, the "
                + "reference's rule; such rounds are left out of the mean and listed in the appendix).%n", Demo.LEAD, s.bootstrap()));
        md.append("- **Honesty notes.** The evaluation set is small, so the intervals are wide; differences inside them are "
                + "not evidence either way. Sex and age are not independent of the CLEF run when the age-and-sex risk "
                + "proxy is used, because that proxy is a function of age and sex; NORM vs abnormal and the "
                + "superclasses are held out from every pretraining signal.\n\n");

        md.append("## Reproduce\n\n```\n").append(s.command()).append("\n```\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| seed | ").append(s.seed()).append(" |\n");
        for (Map.Entry<String, String> e : o.runInfo().entrySet()) {
            md.append("| ").append(e.getKey()).append(" | ").append(e.getValue().replace("|", "\\|")).append(" |\n");
        }
        md.append("| preprocessing | ").append(ClefEncoder.RECIPE).append(" |\n\n");
        md.append("Files: `results.json` (every metric with its interval, every comparison), `results.txt` (the table as "
                + "printed), `run.json` (settings, versions, timings), `loss-*.svg`, `roc-*.svg`, `pca-*.svg`, "
                + "`pretrain/metadata.csv` (the risk proxy's inputs, when used), `pretrain/clef/` and "
                + "`pretrain/ntxent/` (checkpoints, `metrics.csv`, `train.log`, the trainer's own `loss.svg`). The "
                + "encoders load with `jclef embed --model small --weights pretrain/clef/encoder.safetensors` or "
                + "`ClefEncoder.load(\"small\", path)`.\n\n");

        md.append("## Appendix: every metric\n\n```\n");
        for (Task task : o.tasks()) {
            for (String encoder : Demo.ENCODERS) {
                TaskResult r = o.results().get(task.name()).get(encoder);
                md.append(r.toTable(0.95)).append('\n');
            }
        }
        md.append("```\n");
        return md.toString();
    }

    private static String riskStatement(DemoSettings.RiskSource risk) {
        return switch (risk) {
            case AGE_SEX_PROXY -> "PTB-XL has age and sex but no blood pressure, cholesterol or smoking status, so a "
                    + "patient's SCORE2 cannot be computed. The demo gives the loss an **age-and-sex proxy**: SCORE2 "
                    + "(SCORE2-OP from 70) from PTB-XL's age and sex with every other input at the model's reference "
                    + "value (SBP 120 mmHg, total cholesterol 6.0 mmol/L, HDL 1.3 mmol/L, non-smoker, no diabetes), "
                    + "region moderate (`pretrain/metadata.csv`). It orders patients by age- and sex-related risk only; "
                    + "it is not their SCORE2. `--risk none` runs the reference's behaviour instead (no risk: every "
                    + "risk counts as 0, so the negative weights are uniform).";
            case NONE -> "None: PTB-XL has no blood pressure, cholesterol or smoking status, and this run gave the loss "
                    + "no proxy, so it follows the reference's behaviour for missing metadata: every risk counts as 0, "
                    + "all negative weights are equal and the alignment target is constant. This CLEF run therefore "
                    + "tests the loss's form, not its clinical guidance.";
        };
    }

    /** The encoder with the best headline value (highest AUROC, lowest MAE), or null if none is defined. */
    private static String best(Task task, Map<String, TaskResult> byEncoder) {
        boolean lower = task.headlineMetric().equals("mae");
        String best = null;
        double bestValue = Double.NaN;
        for (String encoder : Demo.ENCODERS) {
            double v = byEncoder.get(encoder).headline().value();
            if (!Double.isNaN(v) && (Double.isNaN(bestValue) || (lower ? v < bestValue : v > bestValue))) {
                best = encoder;
                bestValue = v;
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- figures

    /** One plot per run: the loss of every step and its mean over each epoch. */
    private static void writeLossPlot(Demo.Pretraining p, Path file) throws IOException {
        int n = p.steps().size();
        double[] x = new double[n];
        double[] y = new double[n];
        List<Double> epochX = new ArrayList<>();
        List<Double> epochY = new ArrayList<>();
        double sum = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            StepRecord r = p.steps().get(i);
            x[i] = r.step();
            y[i] = r.loss();
            sum += r.loss();
            count++;
            if (i + 1 == n || p.steps().get(i + 1).epoch() != r.epoch()) {
                epochX.add((double) r.step());
                epochY.add(sum / count);
                sum = 0;
                count = 0;
            }
        }
        new SvgPlot("Pretraining loss: " + p.name(), "step", "loss")
                .line("per step", x, y)
                .line("epoch mean", epochX.stream().mapToDouble(Double::doubleValue).toArray(),
                        epochY.stream().mapToDouble(Double::doubleValue).toArray())
                .write(file);
    }

    private static void writeRocPlot(Task task, Map<String, TaskResult> byEncoder, Path file) throws IOException {
        SvgPlot plot = new SvgPlot("ROC: " + task.name() + " (mean over the CV rounds)", "false positive rate",
                "true positive rate").range(0, 1, 0, 1);
        for (String encoder : Demo.ENCODERS) {
            TaskResult r = byEncoder.get(encoder);
            if (Double.isNaN(r.headline().value())) {
                continue;
            }
            MeanRoc roc = MeanRoc.of(r);
            plot.line(String.format(Locale.ROOT, "%s %.3f", encoder, r.headline().value()), roc.fpr(), roc.tpr());
        }
        plot.dashedLine("chance", new double[] {0, 1}, new double[] {0, 1});
        plot.write(file);
    }

    private static void writePcaPlot(String encoder, List<Embedding> embeddings, List<ManifestEntry> records, Path file)
            throws IOException {
        float[][] x = embeddings.stream().map(Embedding::vector).toArray(float[][]::new);
        Pca pca = Pca.fit(x, 2);
        double[][] z = pca.project(x);
        SvgPlot plot = new SvgPlot("Embeddings: " + encoder,
                String.format(Locale.ROOT, "PC1 (%.0f%% of variance)", 100 * pca.explained(0)),
                String.format(Locale.ROOT, "PC2 (%.0f%% of variance)", 100 * pca.explained(1)));
        Map<String, List<double[]>> groups = new LinkedHashMap<>();
        groups.put("NORM", new ArrayList<>());
        groups.put("abnormal", new ArrayList<>());
        groups.put("no diagnosis", new ArrayList<>());
        for (int i = 0; i < z.length; i++) {
            ManifestEntry e = records.get(i);
            String group = e.labels().isEmpty() ? "no diagnosis" : e.labels().contains("NORM") ? "NORM" : "abnormal";
            groups.get(group).add(z[i]);
        }
        for (Map.Entry<String, List<double[]>> g : groups.entrySet()) {
            if (!g.getValue().isEmpty()) {
                plot.points(g.getKey() + " (" + g.getValue().size() + ")",
                        g.getValue().stream().mapToDouble(p -> p[0]).toArray(),
                        g.getValue().stream().mapToDouble(p -> p[1]).toArray());
            }
        }
        plot.write(file);
    }

    // ---------------------------------------------------------------- JSON

    private static Map<String, Object> resultsJson(Demo.Outcome o) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> tasks = new LinkedHashMap<>();
        for (Task task : o.tasks()) {
            Map<String, Object> byEncoder = new LinkedHashMap<>();
            o.results().get(task.name()).forEach((encoder, r) -> byEncoder.put(encoder, r.toJsonMap()));
            tasks.put(task.name(), byEncoder);
        }
        root.put("tasks", tasks);
        List<Object> comparisons = new ArrayList<>();
        for (Comparison c : o.comparisons()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task", c.task());
            m.put("metric", c.metric());
            m.put("encoder", c.encoder());
            m.put("baseline", c.baseline());
            m.put("difference", orNull(c.difference()));
            m.put("lo", orNull(c.lo()));
            m.put("hi", orNull(c.hi()));
            m.put("verdict", c.verdict().words());
            comparisons.add(m);
        }
        root.put("comparisons", comparisons);
        root.put("verdict", verdict(o));
        return root;
    }

    private static Map<String, Object> runJson(Demo.Outcome o) {
        DemoSettings s = o.settings();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("command", s.command());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("quick", s.quick());
        settings.put("seed", s.seed());
        settings.put("steps", s.steps());
        settings.put("batch_patients", s.batchPatients());
        settings.put("learning_rate", s.learningRate());
        settings.put("bootstrap", s.bootstrap());
        settings.put("risk", s.risk().cliName());
        settings.put("pretraining_patients", o.pretrainSet().size());
        settings.put("evaluation_records", o.probeRecords().size());
        root.put("settings", settings);
        root.put("versions", new LinkedHashMap<>(o.runInfo()));
        Map<String, Object> seconds = new LinkedHashMap<>();
        o.stageSeconds().forEach(seconds::put);
        root.put("seconds", seconds);
        List<Object> runs = new ArrayList<>();
        for (Demo.Pretraining p : o.pretraining()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("loss", p.loss().cliName());
            m.put("steps", p.result().steps());
            m.put("seconds", p.seconds());
            m.put("mean_step_seconds", p.result().meanStepSeconds());
            m.put("first_loss", orNull(p.result().firstLoss()));
            m.put("last_loss", orNull(p.result().lastLoss()));
            m.put("encoder", rel(o, p.result().encoder()));
            m.put("checkpoint", rel(o, p.result().checkpoint()));
            runs.add(m);
        }
        root.put("pretraining", runs);
        return root;
    }

    // ---------------------------------------------------------------- formatting

    static String valueWithInterval(MetricValue m) {
        if (Double.isNaN(m.value())) {
            return "NaN";
        }
        return m.hasInterval() ? String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", m.value(), m.lo(), m.hi())
                : String.format(Locale.ROOT, "%.3f", m.value());
    }

    /** "7:42" or "0:58". */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String rel(Demo.Outcome o, Path file) {
        Path out = o.settings().out();
        return (file.isAbsolute() == out.isAbsolute() ? out.relativize(file) : file).toString().replace('\\', '/');
    }

    private static String slug(String encoder) {
        return encoder.toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    private static Object orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
