package org.jclef.nn.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * What a weights file holds, without reading its tensor data: the tensors (name, dtype, shape),
 * element and parameter counts, the Net1D size the shapes suggest, and a file's other entries.
 * This is what {@code jclef info FILE} prints.
 *
 * <p>{@link #read} handles torch.save archives ({@code .pt}, {@code .pth}, Lightning
 * {@code .ckpt}). Other formats plug in through {@link #of}: a safetensors reader lists its
 * entries and metadata and hands them over, e.g.
 * <pre>{@code
 * CheckpointSummary.of(file.toString(), "safetensors",
 *         entries.stream().map(e -> new TensorEntry(e.name(), e.dtype(), e.shape())).toList(),
 *         metadata);
 * }</pre>
 * ({@link CheckpointFormat#detect} tells which reader a file needs.)
 */
public final class CheckpointSummary {
    /** One tensor of the file. {@code dtype} is the file's own type name (float32, int64, F32 …). */
    public record TensorEntry(String name, String dtype, int[] shape) {
        public TensorEntry {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        public long numel() {
            return TensorRef.numel(shape);
        }
    }

    private final String source;
    private final String format;
    private final List<TensorEntry> tensors;
    private final Map<String, String> details;

    private CheckpointSummary(String source, String format, List<TensorEntry> tensors,
                              Map<String, String> details) {
        this.source = source;
        this.format = format;
        this.tensors = List.copyOf(tensors);
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * A summary built from any reader's listing; {@code details} are extra labelled lines (layout,
     * metadata, other entries) printed in order.
     */
    public static CheckpointSummary of(String source, String format, List<TensorEntry> tensors,
                                       Map<String, String> details) {
        return new CheckpointSummary(source, format, tensors, details);
    }

    /** Summarises a torch.save archive; other formats are refused with what to use instead. */
    public static CheckpointSummary read(Path file) throws IOException {
        CheckpointFormat format = CheckpointFormat.detect(file);
        if (format == CheckpointFormat.SAFETENSORS) {
            throw new CheckpointException(file.toString(), "a safetensors file: list it with"
                    + " org.jclef.tensor.io.SafeTensors and CheckpointSummary.of(...)");
        }
        try (TorchArchive archive = TorchArchive.open(file)) {
            CheckpointContents contents = CheckpointContents.locate(archive.content(), file.toString());
            List<TensorEntry> entries = new ArrayList<>();
            contents.stateDict().forEach((k, t) -> entries.add(
                    new TensorEntry(k, t.dtype().torchName(), t.shape())));
            Map<String, String> details = new LinkedHashMap<>();
            details.put("archive", "root '" + archive.root() + "'"
                    + archive.version().map(v -> ", format version " + v).orElse("")
                    + ", pickle protocol " + archive.pickleProtocol()
                    + ", " + archive.storages().size() + " storages");
            details.put("layout", switch (contents.kind()) {
                case STATE_DICT -> "state_dict";
                case LIGHTNING -> "PyTorch Lightning checkpoint (tensors from its state_dict entry)";
                case TRAINING_CHECKPOINT -> "checkpoint dict (tensors from its state_dict entry)";
            });
            contents.otherEntries().forEach((k, v) -> details.put(k, PickleValues.summarize(v)));
            return new CheckpointSummary(file.toString(), "PyTorch zip archive (torch.save)",
                    entries, details);
        }
    }

    public String source() {
        return source;
    }

    public String format() {
        return format;
    }

    public List<TensorEntry> tensors() {
        return tensors;
    }

    public Map<String, String> details() {
        return details;
    }

    /** Elements over all tensors, BatchNorm buffers included. */
    public long totalElements() {
        long n = 0;
        for (TensorEntry t : tensors) {
            n += t.numel();
        }
        return n;
    }

    /**
     * Elements of the parameters: every tensor except BatchNorm's running statistics and batch
     * counters. For a Net1D this is spec §2.6's count "incl. unused BN affine".
     */
    public long parameterCount() {
        long n = 0;
        for (TensorEntry t : tensors) {
            if (!StateDictKeys.isBatchNormBuffer(t.name())) {
                n += t.numel();
            }
        }
        return n;
    }

    /** Elements of every non-BatchNorm tensor: spec §2.6's count "without BN" for a Net1D. */
    public long parameterCountWithoutBatchNorm() {
        long n = 0;
        for (TensorEntry t : tensors) {
            if (!StateDictKeys.isBatchNorm(t.name())) {
                n += t.numel();
            }
        }
        return n;
    }

    /** The Net1D size the shapes suggest, if the file holds a Net1D. */
    public Optional<Net1dSizeGuess> net1d() {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (TensorEntry t : tensors) {
            shapes.put(t.name(), t.shape());
        }
        return Net1dSizeGuess.of(shapes);
    }

    /** The summary as text; with {@code listTensors}, one line per tensor follows. */
    public String render(boolean listTensors) {
        Map<String, Integer> dtypes = new TreeMap<>();
        for (TensorEntry t : tensors) {
            dtypes.merge(t.dtype(), 1, Integer::sum);
        }
        StringJoiner byType = new StringJoiner(", ", " (", ")");
        dtypes.forEach((dtype, n) -> byType.add(String.format(Locale.ROOT, "%,d %s", n, dtype)));
        StringBuilder sb = new StringBuilder(source).append('\n');
        line(sb, "format", format);
        details.forEach((k, v) -> line(sb, k, v));
        line(sb, "tensors", String.format(Locale.ROOT, "%,d%s, %,d elements", tensors.size(),
                tensors.isEmpty() ? "" : byType, totalElements()));
        line(sb, "parameters", String.format(Locale.ROOT,
                "%,d (without BatchNorm running statistics); %,d without any BatchNorm entry",
                parameterCount(), parameterCountWithoutBatchNorm()));
        line(sb, "model", net1d().map(Net1dSizeGuess::describe).orElse("not a Net1D"));
        if (listTensors) {
            int width = 4;
            for (TensorEntry t : tensors) {
                width = Math.max(width, t.name().length());
            }
            sb.append(String.format(Locale.ROOT, "%n  %-" + width + "s  %-9s %s%n", "name", "dtype", "shape"));
            for (TensorEntry t : tensors) {
                sb.append(String.format(Locale.ROOT, "  %-" + width + "s  %-9s %s%n", t.name(),
                        t.dtype(), Arrays.toString(t.shape())));
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format(Locale.ROOT, "  %-26s %s%n", label, value));
    }
}
