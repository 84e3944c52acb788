package org.jclef.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.io.SafeTensors;

/**
 * State dicts (of a {@link Module} or an {@link org.jclef.nn.optim.Optimizer}) as safetensors
 * files, jclef's native checkpoint format: one tensor per key, in state-dict order, plus string
 * metadata.
 *
 * <pre>{@code
 * StateDicts.save(Path.of("model.safetensors"), model, Map.of("model", "small"));
 * StateDicts.load(Path.of("model.safetensors"), model);   // strict: same keys, same shapes
 * }</pre>
 *
 * Tensors keep their dtype: parameters and running statistics in the model's (F32, or F64 for
 * verification models), BatchNorm's {@code num_batches_tracked} and optimiser counters in F64.
 */
public final class StateDicts {
    private StateDicts() {
    }

    /** Writes {@code state} and {@code metadata} to {@code file} (replaced atomically). */
    public static void save(Path file, Map<String, Tensor> state, Map<String, String> metadata) throws IOException {
        SafeTensors.write(file, state, metadata);
    }

    /** Writes {@code module}'s state dict. */
    public static void save(Path file, Module module, Map<String, String> metadata) throws IOException {
        save(file, module.stateDict(), metadata);
    }

    /** Every tensor of a safetensors file, by name in header order. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        try (SafeTensors st = SafeTensors.open(file)) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (String name : st.names()) {
                out.put(name, st.tensor(name));
            }
            return out;
        }
    }

    /** The metadata of a safetensors file (empty when it has none). */
    public static Map<String, String> metadata(Path file) throws IOException {
        try (SafeTensors st = SafeTensors.open(file)) {
            return new LinkedHashMap<>(st.metadata());
        }
    }

    /**
     * Loads a file written by {@link #save(Path, Module, Map)} into {@code module}, strictly
     * ({@link Module#loadStateDict}); errors name the file.
     */
    public static void load(Path file, Module module) throws IOException {
        Map<String, Tensor> state = read(file);
        try {
            module.loadStateDict(state);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
