package org.jclef.clef.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-step metrics of a run as CSV ({@code step, epoch, batch, patients, lr, loss, <terms>,
 * grad_norm, step_s, data_wait_s, elapsed_s}), one line per step, flushed as it is written so that
 * a killed run leaves whole lines. A resumed run first drops the lines after its checkpoint (a
 * killed run may have logged steps it then lost) and continues the file.
 */
final class MetricsLog implements AutoCloseable {
    static final String FILE = "metrics.csv";

    private final BufferedWriter writer;
    private final List<long[]> stepsAndEpochs = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();

    private MetricsLog(BufferedWriter writer) {
        this.writer = writer;
    }

    private static String header(List<String> terms) {
        List<String> cells = new ArrayList<>(List.of("step", "epoch", "batch", "patients", "lr", "loss"));
        cells.addAll(terms);
        cells.addAll(List.of("grad_norm", "step_s", "data_wait_s", "elapsed_s"));
        return String.join(",", cells);
    }

    /** A new file (replacing none: the caller has checked that there is no previous run). */
    static MetricsLog create(Path file, List<String> terms) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        w.write(header(terms));
        w.newLine();
        w.flush();
        return new MetricsLog(w);
    }

    /**
     * Continues {@code file} after step {@code lastStep}: keeps its header and the lines of steps up
     * to {@code lastStep} (rewritten atomically), then appends. A missing file starts afresh.
     *
     * @throws IOException when the header does not match the run's columns
     */
    static MetricsLog resume(Path file, List<String> terms, long lastStep) throws IOException {
        if (!Files.exists(file)) {
            return create(file, terms);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String header = header(terms);
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            throw new IOException(file + ": its header " + (lines.isEmpty() ? "is missing" : "'" + lines.get(0) + "'")
                    + " does not match this run's columns '" + header + "'");
        }
        List<String> kept = new ArrayList<>();
        kept.add(header);
        List<long[]> steps = new ArrayList<>();
        List<double[]> vals = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            long step;
            try {
                step = Long.parseLong(cells[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (step <= lastStep && cells.length == header.split(",").length) {
                kept.add(line);
                steps.add(new long[] {step, Long.parseLong(cells[1])});
                vals.add(lossColumns(cells, terms.size()));
            }
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, kept, StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        MetricsLog log = new MetricsLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
        log.stepsAndEpochs.addAll(steps);
        log.values.addAll(vals);
        return log;
    }

    /** loss and the terms from a line's cells. */
    private static double[] lossColumns(String[] cells, int terms) {
        double[] out = new double[1 + terms];
        for (int i = 0; i <= terms; i++) {
            out[i] = Double.parseDouble(cells[5 + i]);
        }
        return out;
    }

    void append(StepRecord r) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(r.step()).append(',').append(r.epoch()).append(',').append(r.batch()).append(',').append(r.patients())
                .append(',').append(format(r.lr())).append(',').append(format(r.loss()));
        for (double t : r.terms()) {
            sb.append(',').append(format(t));
        }
        sb.append(',').append(format(r.gradNorm())).append(',').append(seconds(r.stepSeconds())).append(',')
                .append(seconds(r.waitSeconds())).append(',').append(seconds(r.elapsedSeconds()));
        writer.write(sb.toString());
        writer.newLine();
        writer.flush();
        stepsAndEpochs.add(new long[] {r.step(), r.epoch()});
        double[] v = new double[1 + r.terms().size()];
        v[0] = r.loss();
        for (int i = 0; i < r.terms().size(); i++) {
            v[1 + i] = r.terms().get(i);
        }
        values.add(v);
    }

    /** The steps logged so far, this run's and the resumed run's. */
    double[] steps() {
        double[] out = new double[stepsAndEpochs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = stepsAndEpochs.get(i)[0];
        }
        return out;
    }

    /**
     * The mean loss of each epoch logged so far, placed at the epoch's last step: {@code [steps, means]}.
     */
    double[][] epochMeans() {
        List<double[]> points = new ArrayList<>();
        double sum = 0;
        int count = 0;
        for (int i = 0; i < values.size(); i++) {
            sum += values.get(i)[0];
            count++;
            boolean last = i + 1 == values.size() || stepsAndEpochs.get(i + 1)[1] != stepsAndEpochs.get(i)[1];
            if (last) {
                points.add(new double[] {stepsAndEpochs.get(i)[0], sum / count});
                sum = 0;
                count = 0;
            }
        }
        double[][] out = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            out[0][i] = points.get(i)[0];
            out[1][i] = points.get(i)[1];
        }
        return out;
    }

    /** Column {@code k} of the loss values (0: the total, then the terms) for every logged step. */
    double[] lossColumn(int k) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i)[k];
        }
        return out;
    }

    private static String format(double v) {
        return Double.toString(v);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.4f", s);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
