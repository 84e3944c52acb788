package org.jclef.clef.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.model.Net1DConfig;
import org.jclef.tensor.BackendKind;
import org.jclef.tensor.Backends;
import org.jclef.tensor.io.Json;

/** {@code jclef embed}: the Net1D embedding of one lead of one recording. */
final class EmbedCommand implements Command {
    /** The seed of the random initialisation used without {@code --weights}. */
    static final long RANDOM_INIT_SEED = 42;
    private static final double TRAINING_RATE_HZ = 500;

    @Override
    public String name() {
        return "embed";
    }

    @Override
    public String summary() {
        return "embed one lead of a recording with a CLEF encoder";
    }

    @Override
    public String usage() {
        return """
                usage: jclef embed --model small|medium|large [--weights FILE] --input FILE
                                   [--lead NAME|INDEX] [--fs HZ] [--preprocess none]
                                   [--backend scalar|simd|opencl] [--output FILE.csv|FILE.json]

                Prints the embedding (D = 256 / 1024 / 2048 for small / medium / large) of one lead as
                one line of comma-separated floats, or writes it to --output.

                  --model       the encoder size
                  --weights     a checkpoint: .safetensors (jclef's own or a bare state dict), or a
                                PyTorch .pt / Lightning .ckpt (keys with or without "backbone.");
                                without it the encoder is randomly initialised (seed 42), with a warning
                  --input       a CSV file: a header row of lead names, then one row per sample
                  --lead        a lead name (e.g. II) or 0-based column index; default: the only
                                lead, else II
                  --fs          the sampling rate of the input in Hz (default 500, the rate the
                                encoder was trained at); other rates are fed as given, with a warning
                  --preprocess  none: the samples go to the encoder exactly as given (default)
                  --backend     the tensor backend (default: the process default, see jclef.backend)
                  --output      write the embedding as CSV (a header row e0..e{D-1}, then the values)
                                or JSON (with the model, lead and input) instead of printing it""";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws IOException {
        Net1DConfig config = model(args.required("model"));
        Path weights = args.path("weights");
        Path input = Path.of(args.required("input"));
        String leadSelector = args.string("lead", null);
        double fs = args.number("fs", TRAINING_RATE_HZ);
        String preprocess = args.string("preprocess", "none");
        String backend = args.string("backend", null);
        Path output = args.path("output");
        args.finish();
        if (!args.positionals().isEmpty()) {
            throw new CliException("unexpected argument '" + args.positionals().get(0) + "'");
        }
        if (!preprocess.equals("none")) {
            throw new CliException("--preprocess " + preprocess + ": expected none (samples fed as given)");
        }
        if (!(fs > 0) || Double.isInfinite(fs)) {
            throw new CliException("--fs " + fs + ": expected a positive sampling rate in Hz");
        }
        if (output != null && outputFormat(output) == null) {
            throw new CliException("--output " + output + ": expected a file name ending in .csv or .json");
        }
        if (backend != null) {
            Backends.use(Backends.create(BackendKind.parse(backend, "--backend")), "--backend " + backend);
        }

        CsvLeads recording = CsvLeads.read(input);
        int lead = recording.select(leadSelector);
        String leadName = recording.names().get(lead);
        float[] samples = recording.columns()[lead];
        requireNoMissingSamples(samples, recording, leadName);
        if (fs != TRAINING_RATE_HZ) {
            err.printf(Locale.ROOT, "jclef embed: warning: the input is sampled at %s Hz; the encoder was trained at "
                    + "500 Hz and the samples are fed as given%n", Double.toString(fs));
        }

        Net1D net;
        if (weights == null) {
            err.println("jclef embed: warning: no --weights given: the " + config.name()
                    + " encoder is randomly initialised (seed " + RANDOM_INIT_SEED + "), so the embedding carries no meaning");
            net = Net1D.create(config, RANDOM_INIT_SEED);
        } else {
            if (!Files.isRegularFile(weights)) {
                throw new CliException("--weights " + weights + ": no such file");
            }
            net = Net1D.load(weights, config);
        }
        float[] embedding = net.embed(samples);

        if (output == null) {
            out.println(csvLine(embedding));
        } else if (outputFormat(output).equals("csv")) {
            List<String> header = new ArrayList<>();
            for (int i = 0; i < embedding.length; i++) {
                header.add("e" + i);
            }
            Files.writeString(output, String.join(",", header) + "\n" + csvLine(embedding) + "\n", StandardCharsets.UTF_8);
        } else {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", config.name());
            json.put("weights", weights == null ? null : weights.toString());
            json.put("input", input.toString());
            json.put("lead", leadName);
            json.put("samples", (long) samples.length);
            json.put("fs", fs);
            List<Object> values = new ArrayList<>();
            for (float v : embedding) {
                values.add(Double.parseDouble(Float.toString(v)));
            }
            json.put("embedding", values);
            Files.writeString(output, Json.write(json) + "\n", StandardCharsets.UTF_8);
        }
        return 0;
    }

    private static Net1DConfig model(String name) {
        try {
            return Net1DConfig.byName(name);
        } catch (IllegalArgumentException e) {
            throw new CliException("--model: " + e.getMessage());
        }
    }

    private static void requireNoMissingSamples(float[] samples, CsvLeads recording, String leadName) {
        int missing = 0, first = -1;
        for (int t = 0; t < samples.length; t++) {
            if (Float.isNaN(samples[t])) {
                missing++;
                first = first < 0 ? t : first;
            }
        }
        if (missing > 0) {
            throw new CliException(recording.file() + ", lead " + leadName + ": " + missing + " missing (empty or NaN) "
                    + "samples, the first at sample " + first + "; with --preprocess none the samples must all be numbers");
        }
    }

    private static String csvLine(float[] values) {
        StringJoiner line = new StringJoiner(",");
        for (float v : values) {
            line.add(Float.toString(v));
        }
        return line.toString();
    }

    /** "csv" or "json" from the file name, else null. */
    private static String outputFormat(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") ? "csv" : name.endsWith(".json") ? "json" : null;
    }
}
