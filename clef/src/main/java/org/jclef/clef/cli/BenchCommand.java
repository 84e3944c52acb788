package org.jclef.clef.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.jclef.clef.bench.BenchBackends;
import org.jclef.clef.bench.ConvPass;
import org.jclef.clef.bench.ConvShape;
import org.jclef.clef.bench.ConvWorkload;
import org.jclef.clef.bench.EmbedWorkload;
import org.jclef.clef.bench.FmaPeak;
import org.jclef.clef.bench.Net1DLayers;
import org.jclef.clef.bench.Timing;
import org.jclef.clef.bench.TrainStep;
import org.jclef.clef.bench.Workload;
import org.jclef.clef.model.Net1DConfig;
import org.jclef.tensor.Backend;
import org.jclef.tensor.BackendKind;
import org.jclef.tensor.Backends;

/**
 * {@code jclef bench train-step|embed|conv}: in-process timings for users without JMH. Warms up,
 * times a number of runs and prints the median seconds per run as the last line.
 */
final class BenchCommand implements Command {
    private static final String[] WORKLOADS = {"train-step", "embed", "conv"};

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "time a train step, an embedding or the convolutions in this JVM";
    }

    @Override
    public String usage() {
        return """
                usage: jclef bench train-step|embed|conv [--model small|medium|large] [--batch B]
                                   [--threads T] [--backend scalar|simd|opencl] [--length L]
                                   [--warmup SECONDS] [--runs N]
                       jclef bench conv ... [--layer NAME | --shape SPEC] [--layers grouped|pointwise|all]

                Warms up (the JIT compiles the kernels), times --runs runs one by one and prints the
                median and GFLOP/s (counted FLOPs / median time, against an FMA peak of 150 GFLOP/s per
                thread; -Djclef.bench.peak=G sets another). The LAST line is the median in seconds,
                alone, for scripts. Weights are random (seed 42); inputs are random normal.

                  train-step  one pretraining step: Net1D forward on [2B, 1, L], the CLEF loss, backward,
                              AdamW (lr 1e-4, weight decay 5e-4). --batch B counts patients, each giving
                              two views as in pretraining (default 128, i.e. 256 views)
                  embed       the embedding of --batch leads (default 1: one lead, as jclef embed does)
                  conv        each convolution of the model, forward + backward-data + backward-weight,
                              at the convolution batch --batch (default 128 for small, 16 otherwise);
                              the last line is the sum over all the model's layers of that kind (the
                              convolution time of one training step at that batch)
                                --layers  grouped (default: the k16 grouped convs), pointwise (1x1),
                                          all (stem included)
                                --layer   one layer, e.g. stage3.block0.conv2 or small.stage3.block0.conv2
                                --shape   one convolution, n64,c128,o128,g32,k16,l1250,s1 (batch, in, out,
                                          groups, kernel, length, stride), or "issue" for that shape

                  --model     small (default), medium or large
                  --threads   threads of the simd backend (default: all processors)
                  --backend   default: the process default (jclef.backend, else simd)
                  --length    samples per lead (default 5000)
                  --warmup    seconds of warm-up runs, at least two runs (default 3; 1 per pass for conv)
                  --runs      measured runs (default 5 for train-step, 20 for embed, 10 for conv)""";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        List<String> positionals = args.positionals();
        if (positionals.size() != 1 || !List.of(WORKLOADS).contains(positionals.get(0))) {
            throw new CliException("expected one workload, train-step, embed or conv, got "
                    + (positionals.isEmpty() ? "none" : String.join(" ", positionals)) + " (see jclef bench --help)");
        }
        String workload = positionals.get(0);
        Net1DConfig config = model(args.string("model", "small"));
        int threads = positive(args, "threads", Runtime.getRuntime().availableProcessors());
        BackendKind kind = args.has("backend") ? BackendKind.parse(args.string("backend", null), "--backend")
                : BackendKind.parse(Backends.current().name(), "the process default backend");
        int length = positive(args, "length", Net1DLayers.INPUT_LENGTH);
        boolean conv = workload.equals("conv");
        int batch = positive(args, "batch", switch (workload) {
            case "train-step" -> 128;
            case "embed" -> 1;
            default -> Net1DLayers.defaultBatch(config);
        });
        double warmup = args.number("warmup", conv ? 1 : 3);
        int runs = positive(args, "runs", switch (workload) {
            case "train-step" -> 5;
            case "embed" -> 20;
            default -> 10;
        });
        String layer = conv ? args.string("layer", null) : null;
        String shape = conv ? args.string("shape", null) : null;
        String layers = conv ? args.string("layers", "grouped") : null;
        args.finish();
        if (!(warmup >= 0) || Double.isInfinite(warmup)) {
            throw new CliException("--warmup " + warmup + ": expected seconds >= 0");
        }
        if (layer != null && shape != null) {
            throw new CliException("--layer and --shape both given: choose one convolution");
        }

        Backend backend = BenchBackends.install(kind, threads);
        FmaPeak peak = FmaPeak.of(kind == BackendKind.SIMD ? threads : 1);
        out.println("jclef bench " + workload + " on " + BenchBackends.describe(backend) + ", JDK "
                + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " processors");
        if (conv) {
            List<Net1DLayers.Layer> chosen = convLayers(config, batch, length, layer, shape, layers);
            return convTable(chosen, backend, warmup, runs, peak, out);
        }
        Workload w = workload.equals("train-step") ? new TrainStep(config, batch, length, backend)
                : new EmbedWorkload(config, batch, length, backend);
        out.println(w.description());
        Timing timing = Timing.measure(w, warmup, runs);
        StringJoiner each = new StringJoiner(" ");
        for (double s : timing.seconds()) {
            each.add(String.format(Locale.ROOT, "%.4f", s));
        }
        out.printf(Locale.ROOT, "warm-up %.1f s, then %d runs (s): %s%n", warmup, runs, each);
        out.printf(Locale.ROOT, "median %.4f s per %s (quartiles %.4f .. %.4f); counted FLOPs: %s%n", timing.median(),
                workload.equals("embed") ? "embed" : "step", timing.quantile(0.25), timing.quantile(0.75),
                peak.describe(timing.gflops(w.flops())));
        out.printf(Locale.ROOT, "%.6f%n", timing.median());
        return 0;
    }

    /** The convolutions to time: one by --layer or --shape, else the model's layers of the --layers kind. */
    private static List<Net1DLayers.Layer> convLayers(Net1DConfig config, int batch, int length, String layer,
                                                      String shape, String kind) {
        if (shape != null) {
            try {
                return List.of(new Net1DLayers.Layer("--shape", Net1DLayers.resolve(shape)));
            } catch (IllegalArgumentException e) {
                throw new CliException("--shape: " + e.getMessage());
            }
        }
        List<Net1DLayers.Layer> all = Net1DLayers.convolutions(config, batch, length);
        if (layer != null) {
            String name = layer.startsWith(config.name() + ".") ? layer.substring(config.name().length() + 1) : layer;
            return all.stream().filter(l -> l.name().equals(name)).findFirst().map(List::of)
                    .orElseThrow(() -> new CliException("--layer " + layer + ": " + config.name()
                            + " has no such convolution (e.g. stem, stage0.block0.conv1, stage3.block0.conv2)"));
        }
        return switch (kind) {
            case "grouped" -> all.stream().filter(l -> l.shape().groups() > 1).toList();
            case "pointwise" -> all.stream().filter(l -> l.shape().isPointwise()).toList();
            case "all" -> all;
            default -> throw new CliException("--layers " + kind + ": expected grouped, pointwise or all");
        };
    }

    /**
     * Times the three passes of each distinct shape among {@code layers} and prints a row per shape;
     * the total counts every layer, repeated shapes as often as they occur.
     */
    private static int convTable(List<Net1DLayers.Layer> layers, Backend backend, double warmup, int runs,
                                 FmaPeak peak, PrintStream out) {
        Map<ConvShape, List<String>> byShape = new LinkedHashMap<>();
        for (Net1DLayers.Layer l : layers) {
            byShape.computeIfAbsent(l.shape(), s -> new ArrayList<>()).add(l.name());
        }
        out.printf(Locale.ROOT, "warm-up %.1f s per pass, median of %d runs; GFLOP/s of forward + backward%n",
                warmup, runs);
        out.printf(Locale.ROOT, "%-22s %-34s %3s %10s %10s %10s %8s %6s%n", "layer", "shape", "×", "fwd ms",
                "bwd-data", "bwd-wt", "GFLOP/s", "peak");
        double totalSeconds = 0, totalFlops = 0;
        for (Map.Entry<ConvShape, List<String>> e : byShape.entrySet()) {
            ConvShape shape = e.getKey();
            EnumSet<ConvPass> passes = passes(e.getValue().get(0));
            String[] ms = {"-", "-", "-"};
            double seconds = 0;
            for (ConvPass pass : passes) {
                double median = Timing.measure(new ConvWorkload(backend, shape, EnumSet.of(pass)), warmup, runs)
                        .median();
                ms[pass.ordinal()] = String.format(Locale.ROOT, "%.3f", median * 1e3);
                seconds += median;
            }
            double flops = passes.size() * shape.forwardFlops();
            double gflops = flops / seconds * 1e-9;
            out.printf(Locale.ROOT, "%-22s %-34s %3d %10s %10s %10s %8.1f %5.1f%%%n", e.getValue().get(0), shape,
                    e.getValue().size(), ms[0], ms[1], ms[2], gflops, 100 * peak.fraction(gflops));
            totalSeconds += seconds * e.getValue().size();
            totalFlops += flops * e.getValue().size();
        }
        out.printf(Locale.ROOT, "total over %d layers: %.4f s, %s%n", layers.size(), totalSeconds,
                peak.describe(totalFlops / totalSeconds * 1e-9));
        out.printf(Locale.ROOT, "%.6f%n", totalSeconds);
        return 0;
    }

    /** The passes a training step runs for a layer: the stem's input needs no gradient. */
    private static EnumSet<ConvPass> passes(String layer) {
        return layer.equals("stem") ? EnumSet.of(ConvPass.FORWARD, ConvPass.BACKWARD_WEIGHT)
                : EnumSet.allOf(ConvPass.class);
    }

    private static Net1DConfig model(String name) {
        try {
            return Net1DConfig.byName(name);
        } catch (IllegalArgumentException e) {
            throw new CliException("--model: " + e.getMessage());
        }
    }

    private static int positive(Args args, String name, int fallback) {
        int v = args.integer(name, fallback);
        if (v < 1) {
            throw new CliException("--" + name + " " + v + ": expected a positive integer");
        }
        return v;
    }
}
