package org.jclef.nn.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jclef.tensor.Tensor;

/** Naming conventions of PyTorch state_dict keys, and shape maps for {@link StateDictMatcher}. */
public final class StateDictKeys {
    private static final Set<String> BATCH_NORM_ENTRIES =
            Set.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked");
    private static final Set<String> BATCH_NORM_BUFFERS =
            Set.of("running_mean", "running_var", "num_batches_tracked");

    private StateDictKeys() {
    }

    /**
     * True for a BatchNorm entry: a module whose name contains "bn" ({@code first_bn},
     * {@code bn1} …) followed by weight, bias, running_mean, running_var or num_batches_tracked.
     * CLEF never applies its BatchNorm layers (spec §2.2), so the Net1D loader skips these.
     */
    public static boolean isBatchNorm(String key) {
        int last = key.lastIndexOf('.');
        if (last <= 0 || !BATCH_NORM_ENTRIES.contains(key.substring(last + 1))) {
            return false;
        }
        String module = key.substring(key.lastIndexOf('.', last - 1) + 1, last);
        return module.contains("bn");
    }

    /** True for BatchNorm's buffers (running statistics, batch counter), which are not parameters. */
    public static boolean isBatchNormBuffer(String key) {
        return isBatchNorm(key) && BATCH_NORM_BUFFERS.contains(key.substring(key.lastIndexOf('.') + 1));
    }

    /** Key → shape of jclef tensors. */
    public static Map<String, int[]> shapesOf(Map<String, Tensor> tensors) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        tensors.forEach((k, t) -> shapes.put(k, t.shape()));
        return shapes;
    }

    /** Key → shape of unread tensors. */
    public static Map<String, int[]> shapesOfRefs(Map<String, TensorRef> tensors) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        tensors.forEach((k, t) -> shapes.put(k, t.shape()));
        return shapes;
    }
}
