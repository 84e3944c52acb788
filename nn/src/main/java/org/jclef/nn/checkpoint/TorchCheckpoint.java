package org.jclef.nn.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jclef.tensor.Tensor;

/**
 * A PyTorch checkpoint read into jclef tensors, in pure Java: a torch.save'd state_dict
 * ({@code .pt}, {@code .pth}) or a PyTorch Lightning {@code .ckpt}.
 *
 * <pre>{@code
 * TorchCheckpoint ckpt = TorchCheckpoint.load(Path.of("clef_small.ckpt"));
 * ckpt.kind();                                         // LIGHTNING
 * ckpt.stateDict().get("backbone.first_conv.conv.weight");   // Tensor[32, 1, 16] F32
 * ckpt.epoch();                                        // OptionalLong[…]
 * }</pre>
 *
 * <p>Keys are kept exactly as stored (a Lightning state_dict's start with {@code backbone.});
 * {@link StateDictMatcher} checks them against a model and strips prefixes. Only the state_dict's
 * tensors are read; tensors elsewhere (optimizer moments, callback scores) stay unread
 * {@link TensorRef}s inside {@link #otherEntries()}. Types: see {@link TorchDType}.
 */
public final class TorchCheckpoint {
    private final Path file;
    private final CheckpointContents contents;
    private final Map<String, Tensor> stateDict;

    private TorchCheckpoint(Path file, CheckpointContents contents, Map<String, Tensor> stateDict) {
        this.file = file;
        this.contents = contents;
        this.stateDict = Collections.unmodifiableMap(stateDict);
    }

    /** Reads {@code file} and every tensor of its state_dict. */
    public static TorchCheckpoint load(Path file) throws IOException {
        try (TorchArchive archive = TorchArchive.open(file)) {
            CheckpointContents contents = CheckpointContents.locate(archive.content(), file.toString());
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, TensorRef> e : contents.stateDict().entrySet()) {
                tensors.put(e.getKey(), archive.tensor(e.getKey(), e.getValue()));
            }
            return new TorchCheckpoint(file, contents, tensors);
        }
    }

    public Path file() {
        return file;
    }

    public CheckpointContents.Kind kind() {
        return contents.kind();
    }

    /** The state_dict in file order: F32 for float32/16 and bfloat16, F64 for float64 and integers. */
    public Map<String, Tensor> stateDict() {
        return stateDict;
    }

    /** Key → what the file declares: PyTorch dtype, shape, strides, storage. */
    public Map<String, TensorRef> tensorRefs() {
        return contents.stateDict();
    }

    /** The PyTorch type {@code key} was stored as (e.g. INT64 for num_batches_tracked). */
    public TorchDType sourceDType(String key) {
        TensorRef ref = contents.stateDict().get(key);
        if (ref == null) {
            throw new IllegalArgumentException("no state_dict entry '" + key + "' in " + file);
        }
        return ref.dtype();
    }

    /** A checkpoint's other top-level entries (plain values; their tensors are not read). */
    public Map<String, Object> otherEntries() {
        return contents.otherEntries();
    }

    /** Each other top-level entry in one line, e.g. "optimizer_states" → "list of 1 item holding …". */
    public Map<String, String> otherEntriesSummary() {
        Map<String, String> out = new LinkedHashMap<>();
        otherEntries().forEach((k, v) -> out.put(k, PickleValues.summarize(v)));
        return out;
    }

    /** The "epoch" entry of a training checkpoint. */
    public OptionalLong epoch() {
        return longEntry("epoch");
    }

    /** The "global_step" entry of a training checkpoint. */
    public OptionalLong globalStep() {
        return longEntry("global_step");
    }

    /** The "pytorch-lightning_version" entry of a Lightning checkpoint. */
    public Optional<String> lightningVersion() {
        return otherEntries().get(CheckpointContents.LIGHTNING_VERSION_KEY) instanceof String s
                ? Optional.of(s) : Optional.empty();
    }

    private OptionalLong longEntry(String key) {
        return otherEntries().get(key) instanceof Long v ? OptionalLong.of(v) : OptionalLong.empty();
    }
}
