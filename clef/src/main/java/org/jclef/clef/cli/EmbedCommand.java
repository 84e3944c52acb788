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
import java.util.OptionalDouble;
import java.util.StringJoiner;
import org.jclef.clef.io.EcgRecord;
import org.jclef.clef.io.Lead;
import org.jclef.clef.io.RecordReader;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.model.Net1DConfig;
import org.jclef.clef.signal.ClefRecipe;
import org.jclef.tensor.BackendKind;
import org.jclef.tensor.Backends;
import org.jclef.tensor.io.Json;

/** {@code jclef embed}: the Net1D embedding of one lead of one recording. */
final class EmbedCommand implements Command {
    /** The seed of the random initialisation used without {@code --weights}. */
    static final long RANDOM_INIT_SEED = 42;
    /** The preprocessing that feeds the samples to the encoder as they are. */
    static final String NO_PREPROCESSING = "none";

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
                                   [--lead NAME|INDEX] [--fs HZ] [--preprocess clef-v1|none]
                                   [--backend scalar|simd|opencl] [--output FILE.csv|FILE.json]

                Prints the embedding (D = 256 / 1024 / 2048 for small / medium / large) of one lead as
                one line of comma-separated floats, or writes it to --output.

                  --model       the encoder size
                  --weights     a checkpoint: .safetensors (jclef's own or a bare state dict), or a
                                PyTorch .pt / Lightning .ckpt (keys with or without "backbone.");
                                without it the encoder is randomly initialised (seed 42), with a warning
                  --input       a recording: WFDB (.hea, .dat, .mat or the record name) or CSV (a header
                                row of lead names, then one row per sample)
                  --lead        a lead name (II, aVF, V1, … or the file's label) or 0-based index;
                                default: lead II, or the only lead
                  --fs          the sampling rate of a CSV input in Hz (default 500); WFDB headers
                                carry their own
                  --preprocess  clef-v1 (default): NaN repair, resampling to 500 Hz, the first 10 s,
                                CLEF's band-pass, z-score, zero-padding to 5000 samples (spec §3.7);
                                none: the samples go to the encoder exactly as they are in the file
                  --backend     the tensor backend (default: the process default, see jclef.backend)
                  --output      write the embedding as CSV (a header row e0..e{D-1}, then the values)
                                or JSON (with the model, lead, preprocessing and input) instead""";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws IOException {
        Net1DConfig config = model(args.required("model"));
        Path weights = args.path("weights");
        Path input = Path.of(args.required("input"));
        String leadSelector = args.string("lead", null);
        OptionalDouble fs = args.has("fs") ? OptionalDouble.of(args.number("fs", Double.NaN)) : OptionalDouble.empty();
        String preprocess = args.string("preprocess", ClefRecipe.VERSION);
        String backend = args.string("backend", null);
        Path output = args.path("output");
        args.finish();
        if (!args.positionals().isEmpty()) {
            throw new CliException("unexpected argument '" + args.positionals().get(0) + "'");
        }
        if (!preprocess.equals(ClefRecipe.VERSION) && !preprocess.equals(NO_PREPROCESSING)) {
            throw new CliException("--preprocess " + preprocess + ": expected " + ClefRecipe.VERSION + " or "
                    + NO_PREPROCESSING);
        }
        if (output != null && outputFormat(output) == null) {
            throw new CliException("--output " + output + ": expected a file name ending in .csv or .json");
        }
        if (weights != null && !Files.isRegularFile(weights)) {
            throw new CliException("--weights " + weights + ": no such file");
        }
        if (backend != null) {
            Backends.use(Backends.create(BackendKind.parse(backend, "--backend")), "--backend " + backend);
        }

        EcgRecord record = read(input, fs, err);
        Lead lead = select(record, leadSelector);
        float[] samples = modelInput(record, lead, preprocess, err);

        Net1D net;
        if (weights == null) {
            err.println("jclef embed: warning: no --weights given: the " + config.name()
                    + " encoder is randomly initialised (seed " + RANDOM_INIT_SEED + "), so the embedding carries no meaning");
            net = Net1D.create(config, RANDOM_INIT_SEED);
        } else {
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
            json.put("lead", lead.name());
            json.put("fs", record.fs());
            json.put("samples", lead.samples().length);
            json.put("preprocess", preprocess);
            List<Object> values = new ArrayList<>();
            for (float v : embedding) {
                values.add(Double.parseDouble(Float.toString(v)));
            }
            json.put("embedding", values);
            Files.writeString(output, Json.write(json, Json.Style.REPORT) + "\n", StandardCharsets.UTF_8);
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

    /** Reads the recording; a CSV file without --fs is taken as 500 Hz, a WFDB header's rate must agree with --fs. */
    private static EcgRecord read(Path input, OptionalDouble fs, PrintStream err) throws IOException {
        if (fs.isPresent() && (!(fs.getAsDouble() > 0) || Double.isInfinite(fs.getAsDouble()))) {
            throw new CliException("--fs " + fs.getAsDouble() + ": expected a positive sampling rate in Hz");
        }
        boolean csv = input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        if (csv && !Files.isRegularFile(input)) {
            throw new CliException("--input " + input + ": no such file");
        }
        if (csv && fs.isEmpty()) {
            err.println("jclef embed: " + input + " is CSV without --fs: taking it as sampled at "
                    + (int) ClefRecipe.SAMPLE_RATE + " Hz");
        }
        EcgRecord record = RecordReader.read(input, csv ? OptionalDouble.of(fs.orElse(ClefRecipe.SAMPLE_RATE)) : fs);
        if (!csv && fs.isPresent() && fs.getAsDouble() != record.fs()) {
            throw new CliException("--fs " + fs.getAsDouble() + " contradicts " + input + ", whose header says "
                    + record.fs() + " Hz");
        }
        return record;
    }

    /** The lead named or numbered by {@code selector}; without one, lead II, or the only lead. */
    private static Lead select(EcgRecord record, String selector) {
        List<Lead> leads = record.leads();
        if (selector == null) {
            if (leads.size() == 1) {
                return leads.get(0);
            }
            return record.lead("II").orElseThrow(() -> new CliException("record " + record.id() + " has no lead II "
                    + "(leads: " + String.join(", ", record.leadNames()) + "); choose one with --lead NAME|INDEX"));
        }
        if (!selector.isEmpty() && selector.chars().allMatch(Character::isDigit)) {
            if (selector.length() > 9 || Integer.parseInt(selector) >= leads.size()) {
                throw new CliException("--lead " + selector + ": record " + record.id() + " has leads 0 to "
                        + (leads.size() - 1) + " (" + String.join(", ", record.leadNames()) + ")");
            }
            return leads.get(Integer.parseInt(selector));
        }
        return record.lead(selector).orElseThrow(() -> new CliException("--lead " + selector + ": record "
                + record.id() + " has no such lead (leads: " + String.join(", ", record.leadNames()) + ")"));
    }

    /** The encoder's input: the clef-v1 recipe on the lead in millivolts, or the samples as they are. */
    private static float[] modelInput(EcgRecord record, Lead lead, String preprocess, PrintStream err) {
        double[] samples = lead.samples();
        if (preprocess.equals(ClefRecipe.VERSION)) {
            return ClefRecipe.modelInput(lead.millivolts(), record.fs());
        }
        if (record.fs() != ClefRecipe.SAMPLE_RATE) {
            err.printf(Locale.ROOT, "jclef embed: warning: the input is sampled at %s Hz; the encoder was trained at "
                    + "500 Hz and --preprocess none feeds the samples as they are%n", Double.toString(record.fs()));
        }
        float[] out = new float[samples.length];
        int missing = 0, first = -1;
        for (int t = 0; t < samples.length; t++) {
            out[t] = (float) samples[t];
            if (!Double.isFinite(samples[t])) {
                missing++;
                first = first < 0 ? t : first;
            }
        }
        if (missing > 0) {
            throw new CliException("record " + record.id() + ", lead " + lead.name() + ": " + missing
                    + " missing (empty or NaN) samples, the first at sample " + first + "; --preprocess none feeds "
                    + "the samples as they are, " + ClefRecipe.VERSION + " interpolates them");
        }
        return out;
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
