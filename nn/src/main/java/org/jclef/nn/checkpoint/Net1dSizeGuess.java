package org.jclef.nn.checkpoint;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which Net1D a set of state_dict shapes belongs to, told from the stem width
 * ({@code first_conv.conv.weight} is [base, in_ch, 16]) and the number of stages and blocks:
 * CLEF-Small 32 / 6 / 10, CLEF-Medium 64 / 7 / 20, CLEF-Large 128 / 9 / 38 (spec §2.5).
 *
 * @param prefix     what precedes {@code first_conv.conv.weight} in the keys ("", "backbone.")
 * @param size       "small", "medium" or "large", or empty when the structure matches none
 * @param baseWidth  stem output channels
 * @param inChannels stem input channels (1 for CLEF)
 * @param stages     number of stages
 * @param blocks     number of blocks over all stages
 */
public record Net1dSizeGuess(String prefix, Optional<String> size, int baseWidth, int inChannels,
                             int stages, int blocks) {
    private static final String STEM_WEIGHT = "first_conv.conv.weight";
    private static final String[] SIZES = {"small", "medium", "large"};
    private static final int[][] STRUCTURE = {{32, 6, 10}, {64, 7, 20}, {128, 9, 38}};

    /** The Net1D structure in {@code shapes}, or empty if no key ends in first_conv.conv.weight. */
    public static Optional<Net1dSizeGuess> of(Map<String, int[]> shapes) {
        String prefix = null;
        int[] stem = null;
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            String key = e.getKey();
            String before = key.endsWith(STEM_WEIGHT)
                    ? key.substring(0, key.length() - STEM_WEIGHT.length()) : null;
            boolean stemKey = before != null && e.getValue().length == 3
                    && (before.isEmpty() || before.endsWith("."));
            if (stemKey && (prefix == null || before.length() < prefix.length())) {
                prefix = before;
                stem = e.getValue();
            }
        }
        if (prefix == null) {
            return Optional.empty();
        }
        String stagePrefix = prefix + "stage_list.";
        Set<String> stages = new HashSet<>();
        Set<String> blocks = new HashSet<>();
        for (String key : shapes.keySet()) {
            if (!key.startsWith(stagePrefix)) {
                continue;
            }
            String[] parts = key.substring(stagePrefix.length()).split("\\.", 4);
            if (parts.length == 4 && parts[1].equals("block_list")) {
                stages.add(parts[0]);
                blocks.add(parts[0] + "." + parts[2]);
            }
        }
        Optional<String> size = Optional.empty();
        for (int i = 0; i < SIZES.length; i++) {
            if (stem[0] == STRUCTURE[i][0] && stages.size() == STRUCTURE[i][1]
                    && blocks.size() == STRUCTURE[i][2]) {
                size = Optional.of(SIZES[i]);
            }
        }
        return Optional.of(new Net1dSizeGuess(prefix, size, stem[0], stem[1], stages.size(),
                blocks.size()));
    }

    /** True when both describe the same structure (ignoring the key prefix). */
    public boolean sameStructure(Net1dSizeGuess other) {
        return baseWidth == other.baseWidth && inChannels == other.inChannels
                && stages == other.stages && blocks == other.blocks;
    }

    /** E.g. "Net1D CLEF-Small (base width 32, 6 stages, 10 blocks, in_ch 1)". */
    public String describe() {
        String name = size.map(s -> "Net1D CLEF-" + Character.toUpperCase(s.charAt(0)) + s.substring(1))
                .orElse("a Net1D of no CLEF size");
        return String.format(Locale.ROOT, "%s (base width %d, %d stages, %d blocks, in_ch %d)%s",
                name, baseWidth, stages, blocks, inChannels,
                prefix.isEmpty() ? "" : " under the key prefix '" + prefix + "'");
    }
}
