package org.jclef.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.jclef.clef.bench.BenchBackends;
import org.jclef.clef.bench.ConvPass;
import org.jclef.clef.bench.ConvWorkload;
import org.jclef.clef.bench.EmbedWorkload;
import org.jclef.clef.bench.Net1DLayers;
import org.jclef.clef.bench.Timing;
import org.jclef.clef.bench.TrainStep;
import org.jclef.clef.bench.Workload;
import org.jclef.clef.model.Net1DConfig;
import org.jclef.tensor.Backend;
import org.jclef.tensor.BackendKind;

/**
 * The jclef side of {@code bench/vs_torch.py}: one warm JVM that sets up workloads and times runs
 * on request, so the comparison can alternate between PyTorch and jclef run by run under the
 * same machine load. One command per line on stdin, one answer line on stdout ({@code ok ...}
 * or {@code error MESSAGE}); logging goes to stderr.
 *
 * <pre>
 * info                                → ok JDK=25.0.1 processors=2
 * load KIND key=value ...             → ok FLOPS DESCRIPTION
 *     KIND conv-train (forward + backward-data + backward-weight), conv-forward: shape=SPEC|NAME
 *          embed: model=small|medium [batch=LEADS]; train-step: model=small [batch=PATIENTS]
 *     every kind: threads=T (default 1), backend=simd|scalar|opencl (default simd)
 * warmup SECONDS                      → ok RUNS
 * run N                               → ok SECONDS SECONDS ... (N runs, each timed alone)
 * quit
 * </pre>
 */
public final class WorkloadServer {
    private static final List<String> LOAD_KEYS = List.of("shape", "model", "batch", "threads", "backend");
    private Workload workload;

    private WorkloadServer() {
    }

    /** A server with no workload loaded. */
    static WorkloadServer create() {
        return new WorkloadServer();
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        create().serve(in, out);
    }

    void serve(BufferedReader in, PrintStream out) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.strip();
            if (command.isEmpty()) {
                continue;
            }
            if (command.equals("quit")) {
                return;
            }
            try {
                out.println("ok " + answer(command));
            } catch (RuntimeException | OutOfMemoryError e) {
                out.println("error " + String.valueOf(e.getMessage()).replace('\n', ' ') + " ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
    }

    private String answer(String command) {
        String[] words = command.split("\\s+");
        return switch (words[0]) {
            case "info" -> "JDK=" + Runtime.version() + " processors=" + Runtime.getRuntime().availableProcessors();
            case "load" -> load(words);
            case "warmup" -> {
                requireLoaded();
                long start = System.nanoTime();
                Timing.warmUp(workload, Double.parseDouble(words[1]));
                yield String.format(Locale.ROOT, "%.3f", (System.nanoTime() - start) * 1e-9);
            }
            case "run" -> {
                requireLoaded();
                StringJoiner times = new StringJoiner(" ");
                for (double s : Timing.time(workload, Integer.parseInt(words[1])).seconds()) {
                    times.add(String.format(Locale.ROOT, "%.6f", s));
                }
                yield times.toString();
            }
            default -> throw new IllegalArgumentException("unknown command '" + words[0]
                    + "' (expected info, load, warmup, run or quit)");
        };
    }

    private void requireLoaded() {
        if (workload == null) {
            throw new IllegalStateException("no workload loaded (send load KIND ... first)");
        }
    }

    private String load(String[] words) {
        if (words.length < 2) {
            throw new IllegalArgumentException("load: expected a kind, conv-train, conv-forward, embed or train-step");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 2; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("load: expected key=value, got '" + words[i] + "'");
            }
            String key = words[i].substring(0, eq);
            if (!LOAD_KEYS.contains(key)) {
                throw new IllegalArgumentException("load: unknown key '" + key + "' (expected " + LOAD_KEYS + ")");
            }
            options.put(key, words[i].substring(eq + 1));
        }
        workload = null;
        int threads = Integer.parseInt(options.getOrDefault("threads", "1"));
        Backend backend = BenchBackends.install(BackendKind.parse(options.getOrDefault("backend", "simd"), "backend"),
                threads);
        workload = switch (words[1]) {
            case "conv-train" -> ConvWorkload.training(backend, Net1DLayers.resolve(required(options, "shape")));
            case "conv-forward" -> new ConvWorkload(backend, Net1DLayers.resolve(required(options, "shape")),
                    EnumSet.of(ConvPass.FORWARD));
            case "embed" -> new EmbedWorkload(Net1DConfig.byName(required(options, "model")),
                    Integer.parseInt(options.getOrDefault("batch", "1")), Net1DLayers.INPUT_LENGTH, backend);
            case "train-step" -> new TrainStep(Net1DConfig.byName(required(options, "model")),
                    Integer.parseInt(options.getOrDefault("batch", "128")), Net1DLayers.INPUT_LENGTH, backend);
            default -> throw new IllegalArgumentException("load: unknown kind '" + words[1]
                    + "' (expected conv-train, conv-forward, embed or train-step)");
        };
        return String.format(Locale.ROOT, "%.6e %s", workload.flops(), workload.description());
    }

    private static String required(Map<String, String> options, String key) {
        String v = options.get(key);
        if (v == null) {
            throw new IllegalArgumentException("load: missing " + key + "=...");
        }
        return v;
    }
}
