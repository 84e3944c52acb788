package org.jclef.nn.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jclef.tensor.Tensor;

/**
 * Strict key matching between the tensors a model expects and those a file holds: every missing,
 * unexpected or differently shaped key is listed, with hints at the likely cause. The reference
 * loads CLEF weights with {@code strict=False}, which hides such mistakes; this does not.
 *
 * <pre>{@code
 * MatchReport report = StateDictMatcher.expecting(model.shapes())   // Map<String, int[]>
 *         .strippingPrefix("backbone.")                             // Lightning's module name
 *         .skippingBatchNorm()                                      // CLEF never uses BN
 *         .match(StateDictKeys.shapesOf(checkpoint.stateDict()));
 * report.requireExact(file.toString());
 * }</pre>
 *
 * <p>Instances are immutable; the {@code with}-style methods return new matchers.
 */
public final class StateDictMatcher {
    private final Map<String, int[]> expected;
    private final boolean skipBatchNorm;
    private final String prefix;

    private StateDictMatcher(Map<String, int[]> expected, boolean skipBatchNorm, String prefix) {
        this.expected = expected;
        this.skipBatchNorm = skipBatchNorm;
        this.prefix = prefix;
    }

    /** A matcher for a model whose state_dict has these keys and shapes (in model order). */
    public static StateDictMatcher expecting(Map<String, int[]> expected) {
        Map<String, int[]> copy = new LinkedHashMap<>();
        expected.forEach((k, v) -> copy.put(k, v.clone()));
        return new StateDictMatcher(copy, false, "");
    }

    /** Leaves BatchNorm entries ({@link StateDictKeys#isBatchNorm}) out on both sides, counting them. */
    public StateDictMatcher skippingBatchNorm() {
        return new StateDictMatcher(expected, true, prefix);
    }

    /** Removes {@code prefix} from file keys that start with it (e.g. "backbone.", "module."). */
    public StateDictMatcher strippingPrefix(String prefix) {
        return new StateDictMatcher(expected, skipBatchNorm, prefix);
    }

    /** Matches jclef tensors. */
    public MatchReport matchTensors(Map<String, Tensor> loaded) {
        return match(StateDictKeys.shapesOf(loaded));
    }

    /** Matches a file's key → shape map against the expected one. */
    public MatchReport match(Map<String, int[]> loaded) {
        List<String> unexpected = new ArrayList<>();
        Map<String, int[]> file = new LinkedHashMap<>();
        int skippedLoaded = 0;
        for (Map.Entry<String, int[]> e : loaded.entrySet()) {
            String key = !prefix.isEmpty() && e.getKey().startsWith(prefix)
                    ? e.getKey().substring(prefix.length()) : e.getKey();
            if (skipBatchNorm && StateDictKeys.isBatchNorm(key)) {
                skippedLoaded++;
            } else if (file.putIfAbsent(key, e.getValue()) != null) {
                unexpected.add(e.getKey());
            }
        }
        Map<String, int[]> model = new LinkedHashMap<>();
        int skippedExpected = 0;
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            if (skipBatchNorm && StateDictKeys.isBatchNorm(e.getKey())) {
                skippedExpected++;
            } else {
                model.put(e.getKey(), e.getValue());
            }
        }

        int matched = 0;
        List<String> missing = new ArrayList<>();
        List<MatchReport.ShapeMismatch> mismatches = new ArrayList<>();
        for (Map.Entry<String, int[]> e : model.entrySet()) {
            int[] shape = file.get(e.getKey());
            if (shape == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(shape, e.getValue())) {
                mismatches.add(new MatchReport.ShapeMismatch(e.getKey(), e.getValue(), shape));
            } else {
                matched++;
            }
        }
        for (String key : file.keySet()) {
            if (!model.containsKey(key)) {
                unexpected.add(key);
            }
        }
        List<String> hints = hints(missing, unexpected, mismatches, model, file);
        return new MatchReport(matched, missing, unexpected, mismatches, skippedExpected,
                skippedLoaded, hints);
    }

    private List<String> hints(List<String> missing, List<String> unexpected,
                               List<MatchReport.ShapeMismatch> mismatches, Map<String, int[]> model,
                               Map<String, int[]> file) {
        List<String> hints = new ArrayList<>();
        prefixHint(unexpected, missing).ifPresent(p -> hints.add(String.format(Locale.ROOT,
                "%d of the %d unexpected keys are expected keys behind the prefix '%s' (e.g. '%s'):"
                        + " strip it with strippingPrefix(\"%s\")",
                p.count, unexpected.size(), p.prefix, p.example, p.prefix)));
        prefixHint(missing, unexpected).ifPresent(p -> hints.add(String.format(Locale.ROOT,
                "%d of the %d missing keys are in the file without the prefix '%s' (e.g. '%s'):"
                        + " the model's keys carry a prefix the file's lack",
                p.count, missing.size(), p.prefix, p.example)));
        Optional<Net1dSizeGuess> modelNet = Net1dSizeGuess.of(model);
        Optional<Net1dSizeGuess> fileNet = Net1dSizeGuess.of(file);
        boolean sizeHint = modelNet.isPresent() && fileNet.isPresent()
                && !modelNet.get().sameStructure(fileNet.get());
        if (sizeHint) {
            hints.add("the file holds " + fileNet.get().describe() + " but the model is "
                    + modelNet.get().describe() + ": load the matching model size");
        } else if (!mismatches.isEmpty()) {
            hints.add(mismatches.size() + " tensors differ in shape: the file was probably saved"
                    + " from a model of another size or configuration");
        }
        boolean onlyBatchNorm = !missing.isEmpty() || !unexpected.isEmpty();
        for (String key : missing) {
            onlyBatchNorm &= StateDictKeys.isBatchNorm(key);
        }
        for (String key : unexpected) {
            onlyBatchNorm &= StateDictKeys.isBatchNorm(key);
        }
        if (onlyBatchNorm && !skipBatchNorm) {
            hints.add("every missing or unexpected key is a BatchNorm entry, which CLEF never"
                    + " applies: skip them with skippingBatchNorm()");
        }
        return hints;
    }

    private record PrefixCount(String prefix, int count, String example) {
    }

    /** The prefix p that most often turns a key of {@code withPrefix} into one of {@code without}. */
    private static Optional<PrefixCount> prefixHint(List<String> withPrefix, List<String> without) {
        Set<String> targets = new HashSet<>(without);
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> examples = new HashMap<>();
        for (String key : withPrefix) {
            for (int dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) {
                if (targets.contains(key.substring(dot + 1))) {
                    String p = key.substring(0, dot + 1);
                    counts.merge(p, 1, Integer::sum);
                    examples.putIfAbsent(p, key);
                }
            }
        }
        return counts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(e -> new PrefixCount(e.getKey(), e.getValue(), examples.get(e.getKey())));
    }
}
