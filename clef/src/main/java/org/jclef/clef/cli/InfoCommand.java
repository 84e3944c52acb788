package org.jclef.clef.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jclef.clef.model.Net1DFiles;
import org.jclef.clef.model.Net1DConfig;
import org.jclef.nn.checkpoint.CheckpointFormat;
import org.jclef.nn.checkpoint.CheckpointSummary;
import org.jclef.tensor.io.SafeTensors;

/** {@code jclef info FILE}: what a checkpoint holds, without reading its tensor data. */
final class InfoCommand implements Command {

    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "list a checkpoint's tensors, guess the model size, count parameters";
    }

    @Override
    public String usage() {
        return """
                usage: jclef info FILE

                Lists the tensors of a checkpoint (name, dtype, shape) with its metadata or other
                entries, guesses the Net1D size from the shapes, reports the parameter counts (with and
                without the BatchNorm entries CLEF never uses) and whether jclef loads it as a CLEF
                encoder. FILE: .safetensors, or a PyTorch .pt / .pth / Lightning .ckpt (told from its
                first bytes, not its name).""";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws IOException {
        args.finish();
        List<String> files = args.positionals();
        if (files.size() != 1) {
            throw new CliException("expected one FILE, got " + files.size() + " (see jclef info --help)");
        }
        Path file = Path.of(files.get(0));
        if (!Files.isRegularFile(file)) {
            throw new CliException(file + ": no such file");
        }
        CheckpointSummary summary = CheckpointFormat.detect(file) == CheckpointFormat.SAFETENSORS
                ? safetensorsSummary(file) : CheckpointSummary.read(file);
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (CheckpointSummary.TensorEntry t : summary.tensors()) {
            shapes.put(t.name(), t.shape());
        }
        String loadable = Net1DFiles.identify(Net1DFiles.withoutBackbonePrefix(shapes))
                .map(c -> "yes, as CLEF-" + capitalized(c) + String.format(Locale.ROOT,
                        " (--model %s; D = %d)", c.name(), c.embeddingDim()))
                .orElse("no: the weights match none of the CLEF scales exactly");
        out.print(summary.render(true));
        out.printf(Locale.ROOT, "%n  %-26s %s%n", "loads as a CLEF encoder", loadable);
        return 0;
    }

    private static CheckpointSummary safetensorsSummary(Path file) throws IOException {
        try (SafeTensors st = SafeTensors.open(file)) {
            List<CheckpointSummary.TensorEntry> entries = new ArrayList<>();
            for (SafeTensors.Entry e : st.entries()) {
                entries.add(new CheckpointSummary.TensorEntry(e.name(), e.type().name(), e.shape()));
            }
            Map<String, String> details = new LinkedHashMap<>();
            st.metadata().forEach((k, v) -> details.put("metadata " + k, v));
            return CheckpointSummary.of(file.toString(), "safetensors", entries, details);
        }
    }

    private static String capitalized(Net1DConfig c) {
        return Character.toUpperCase(c.name().charAt(0)) + c.name().substring(1);
    }
}
