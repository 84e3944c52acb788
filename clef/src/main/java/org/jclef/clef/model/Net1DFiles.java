package org.jclef.clef.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jclef.nn.Init;
import org.jclef.nn.StateDicts;
import org.jclef.nn.checkpoint.CheckpointException;
import org.jclef.nn.checkpoint.CheckpointFormat;
import org.jclef.nn.checkpoint.Net1dSizeGuess;
import org.jclef.nn.checkpoint.StateDictKeys;
import org.jclef.nn.checkpoint.StateDictMatcher;
import org.jclef.nn.checkpoint.TorchCheckpoint;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * {@link Net1D} checkpoints (spec §8): jclef's safetensors files (state dict plus the configuration
 * as metadata), bare safetensors state dicts, and PyTorch {@code .pt}/{@code .ckpt} files through
 * {@link TorchCheckpoint}, all matched strictly with {@link StateDictMatcher}.
 */
public final class Net1DFiles {
    /** Metadata key of the configuration (JSON) in jclef's safetensors checkpoints. */
    public static final String CONFIG_METADATA = "jclef.net1d.config";
    /** Metadata key and value identifying jclef's Net1D checkpoints. */
    public static final String FORMAT_METADATA = "format";
    public static final String FORMAT = "jclef-net1d-1";

    private Net1DFiles() {
    }

    /**
     * Writes the state dict (PyTorch's keys, BatchNorm entries included) and the configuration to a
     * safetensors file.
     */
    public static void save(Net1D net, Path file) throws IOException {
        StateDicts.save(file, net, Map.of(FORMAT_METADATA, FORMAT, CONFIG_METADATA, net.config().toJson()));
    }

    /**
     * Loads a checkpoint, its format told from its first bytes: safetensors (jclef's own, whose
     * metadata names the configuration, or a bare state dict) or a torch.save archive (a
     * {@code .pt}/{@code .pth} state_dict or a PyTorch Lightning {@code .ckpt}), into a network of
     * the given configuration (null: the file's metadata, else the CLEF scale whose keys and shapes
     * the file holds). A {@code "backbone."} prefix on every key (CLEF's Lightning
     * module) is removed. Matching is strict ({@link StateDictMatcher}): every weight must be
     * present with its shape and nothing else may be there. BatchNorm entries are required only
     * when the configuration runs BatchNorm; otherwise they are loaded when the file has all of them
     * with the right shapes, and ignored (left at their initial values) when it has none.
     *
     * @throws IOException naming the file and what does not match, or why it cannot be read
     */
    public static Net1D load(Path file, Net1DConfig config) throws IOException {
        if (CheckpointFormat.detect(file) == CheckpointFormat.SAFETENSORS) {
            Map<String, String> metadata = StateDicts.metadata(file);
            Net1DConfig chosen = config != null || !metadata.containsKey(CONFIG_METADATA) ? config
                    : Net1DConfig.fromJson(metadata.get(CONFIG_METADATA), file + " metadata " + CONFIG_METADATA);
            return fromStateDict(file.toString(), StateDicts.read(file), chosen);
        }
        return fromStateDict(file.toString(), TorchCheckpoint.load(file).stateDict(), config);
    }

    private static Net1D fromStateDict(String source, Map<String, Tensor> file, Net1DConfig requested)
            throws CheckpointException {
        Map<String, Tensor> state = withoutBackbonePrefix(file);
        Map<String, int[]> shapes = StateDictKeys.shapesOf(state);
        Net1DConfig config = requested != null ? requested : identify(shapes).orElseThrow(() ->
                new CheckpointException(source, "the tensors match none of the CLEF scales (small, medium, large)"
                        + Net1dSizeGuess.of(shapes).map(g -> "; they look like " + g.describe()).orElse("")));
        Net1D net = new Net1D(config, Init.seeded(DType.F32, 0));
        StateDictMatcher matcher = StateDictMatcher.expecting(net.stateShapes());
        (config.batchNorm() ? matcher : matcher.skippingBatchNorm()).match(shapes).requireExact(source);
        if (matcher.match(shapes).isExact()) {
            net.loadStateDict(state);
        } else {
            net.namedParameters().forEach((key, p) -> {
                if (!StateDictKeys.isBatchNorm(key)) {
                    p.assign(state.get(key));
                }
            });
        }
        return net;
    }

    /**
     * The entries with a leading {@code "backbone."} removed when every key has it (CLEF's Lightning
     * checkpoints), else as they are.
     */
    public static <T> Map<String, T> withoutBackbonePrefix(Map<String, T> entries) {
        String prefix = "backbone.";
        if (entries.isEmpty() || !entries.keySet().stream().allMatch(k -> k.startsWith(prefix))) {
            return entries;
        }
        Map<String, T> out = new LinkedHashMap<>();
        entries.forEach((k, v) -> out.put(k.substring(prefix.length()), v));
        return out;
    }

    /**
     * The CLEF scale whose weights (BatchNorm entries aside) have exactly these keys and shapes, if
     * any. Compares shapes only: networks are built lazily, so this allocates no weights.
     */
    public static Optional<Net1DConfig> identify(Map<String, int[]> shapes) {
        for (Net1DConfig candidate : Net1DConfig.SCALES) {
            Map<String, int[]> expected = new Net1D(candidate, Init.seeded(DType.F32, 0)).stateShapes();
            if (StateDictMatcher.expecting(expected).skippingBatchNorm().match(shapes).isExact()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

}
