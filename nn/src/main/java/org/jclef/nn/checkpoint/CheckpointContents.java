package org.jclef.nn.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the tensors are in an unpickled checkpoint: a state_dict at the top level (torch.save of
 * {@code model.state_dict()}), or under the key {@code "state_dict"} of a training checkpoint
 * (PyTorch Lightning's {@code .ckpt}, recognised by its {@code pytorch-lightning_version} key).
 *
 * @param kind          which of the layouts it is
 * @param stateDict     key → tensor, in file order, not yet read
 * @param otherEntries  a checkpoint's top-level entries besides {@code state_dict} (epoch,
 *                      global_step, loops, optimizer_states, …) as plain values; empty for a
 *                      state_dict file
 */
public record CheckpointContents(Kind kind, Map<String, TensorRef> stateDict,
                                 Map<String, Object> otherEntries) {
    /** The layouts jclef recognises. */
    public enum Kind {
        /** The file is a state_dict: a dict of str → tensor. */
        STATE_DICT,
        /** A PyTorch Lightning checkpoint: a dict with state_dict and pytorch-lightning_version. */
        LIGHTNING,
        /** Another dict with a "state_dict" entry. */
        TRAINING_CHECKPOINT
    }

    static final String STATE_DICT_KEY = "state_dict";
    static final String LIGHTNING_VERSION_KEY = "pytorch-lightning_version";

    public CheckpointContents {
        stateDict = Collections.unmodifiableMap(new LinkedHashMap<>(stateDict));
        otherEntries = Collections.unmodifiableMap(new LinkedHashMap<>(otherEntries));
    }

    /** Finds the state_dict in {@code content}, the unpickled object of {@code source}. */
    static CheckpointContents locate(Object content, String source) throws CheckpointException {
        if (!(content instanceof Map<?, ?> top)) {
            throw new CheckpointException(source, "the file holds a " + PickleValues.typeName(content)
                    + ", expected a dict: a state_dict, or a checkpoint with a 'state_dict' entry");
        }
        if (top.get(STATE_DICT_KEY) instanceof Map<?, ?> inner) {
            Map<String, Object> others = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : top.entrySet()) {
                if (!STATE_DICT_KEY.equals(e.getKey())) {
                    others.put(String.valueOf(e.getKey()), e.getValue());
                }
            }
            Kind kind = top.containsKey(LIGHTNING_VERSION_KEY) ? Kind.LIGHTNING : Kind.TRAINING_CHECKPOINT;
            return new CheckpointContents(kind, tensors(inner, source, "state_dict entry"), others);
        }
        return new CheckpointContents(Kind.STATE_DICT, tensors(top, source, "entry"), Map.of());
    }

    private static Map<String, TensorRef> tensors(Map<?, ?> dict, String source, String what)
            throws CheckpointException {
        Map<String, TensorRef> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new CheckpointException(source, "a state_dict key is a "
                        + PickleValues.typeName(e.getKey()) + " (" + PickleValues.brief(e.getKey())
                        + "), expected a str");
            }
            if (!(e.getValue() instanceof TensorRef tensor)) {
                String keys = dict.keySet().stream().limit(8).map(String::valueOf)
                        .collect(Collectors.joining(", "));
                throw new CheckpointException(source, what + " '" + key + "' holds a "
                        + PickleValues.brief(e.getValue()) + ", expected a tensor. Expected a"
                        + " state_dict (str → tensor) or a checkpoint dict with a 'state_dict'"
                        + " entry; this dict's keys: " + keys + (dict.size() > 8 ? ", …" : ""));
            }
            out.put(key, tensor);
        }
        return out;
    }
}
