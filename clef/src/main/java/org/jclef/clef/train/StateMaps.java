package org.jclef.clef.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jclef.tensor.Tensor;

/** Namespacing of the parts of a checkpoint: every part's keys under {@code "<part>/"}. */
final class StateMaps {
    private StateMaps() {
    }

    /** {@code entries} with {@code prefix + "/"} before every key. */
    static Map<String, Tensor> prefixed(String prefix, Map<String, Tensor> entries) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        entries.forEach((k, v) -> out.put(prefix + "/" + k, v));
        return out;
    }

    /** The entries whose key starts with {@code prefix + "/"}, with that removed. */
    static Map<String, Tensor> part(String prefix, Map<String, Tensor> entries) {
        String p = prefix + "/";
        Map<String, Tensor> out = new LinkedHashMap<>();
        entries.forEach((k, v) -> {
            if (k.startsWith(p)) {
                out.put(k.substring(p.length()), v);
            }
        });
        return out;
    }
}
