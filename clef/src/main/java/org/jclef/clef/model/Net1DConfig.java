package org.jclef.clef.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jclef.tensor.io.Json;

/**
 * The shape of a {@link Net1D} (spec §2.5).
 *
 * @param name         "small", "medium", "large", or a custom name
 * @param inChannels   input leads (1 for CLEF)
 * @param baseFilters  stem width
 * @param kernelSize   kernel of the stem and of every block's middle convolution (16)
 * @param stride       stride of the stem and of each stage's first block (2)
 * @param ratio        middle width M = ⌊C_out·ratio⌋
 * @param filters      C_out of each stage
 * @param blocks       blocks per stage
 * @param groupsWidth  the middle convolution has C_out/groupsWidth groups
 * @param batchNorm    whether the BatchNorm layers run (off for CLEF; their state exists either way)
 * @param dropout      dropout probability after each pre-activation (0 = off, as CLEF; the reference's "on" is 0.5)
 */
public record Net1DConfig(String name, int inChannels, int baseFilters, int kernelSize, int stride, double ratio,
                          List<Integer> filters, List<Integer> blocks, int groupsWidth, boolean batchNorm,
                          double dropout) {

    /** CLEF-Small: 443,184 weights in use, D = 256. */
    public static final Net1DConfig SMALL = clef("small", 32, 0.5,
            List.of(32, 64, 64, 128, 128, 256), List.of(1, 1, 2, 2, 2, 2), 8);

    /** CLEF-Medium (ECGFounder's Net1D): 30,587,632 weights in use, D = 1024. */
    public static final Net1DConfig MEDIUM = clef("medium", 64, 1.0,
            List.of(64, 160, 160, 400, 400, 1024, 1024), List.of(2, 2, 2, 3, 3, 4, 4), 16);

    /** CLEF-Large: 296,301,312 weights in use, D = 2048. */
    public static final Net1DConfig LARGE = clef("large", 128, 1.5,
            List.of(128, 256, 256, 512, 512, 1024, 1024, 2048, 2048), List.of(2, 3, 3, 4, 4, 5, 5, 6, 6), 32);

    /** The three CLEF scales. */
    public static final List<Net1DConfig> SCALES = List.of(SMALL, MEDIUM, LARGE);

    private static Net1DConfig clef(String name, int base, double ratio, List<Integer> filters, List<Integer> blocks,
                                    int groupsWidth) {
        return new Net1DConfig(name, 1, base, 16, 2, ratio, filters, blocks, groupsWidth, false, 0.0);
    }

    public Net1DConfig {
        filters = List.copyOf(filters);
        blocks = List.copyOf(blocks);
        if (name == null || name.isBlank() || inChannels < 1 || baseFilters < 1 || kernelSize < 1 || stride < 1
                || !(ratio > 0) || groupsWidth < 1 || !(dropout >= 0 && dropout <= 1)) {
            throw new IllegalArgumentException("Net1DConfig: invalid " + describe(name, inChannels, baseFilters,
                    kernelSize, stride, ratio, groupsWidth, dropout));
        }
        if (filters.isEmpty() || filters.size() != blocks.size()) {
            throw new IllegalArgumentException("Net1DConfig '" + name + "': " + filters.size() + " stage widths but "
                    + blocks.size() + " block counts (expected the same number, at least one)");
        }
        int previous = baseFilters;
        for (int s = 0; s < filters.size(); s++) {
            int out = filters.get(s);
            if (out < previous) {
                throw new IllegalArgumentException("Net1DConfig '" + name + "': stage " + s + " narrows " + previous
                        + " → " + out + " channels; the zero-padded shortcut needs non-decreasing widths");
            }
            previous = out;
            int middle = (int) Math.floor(out * ratio);
            if (blocks.get(s) < 1 || out < 2 || out % groupsWidth != 0 || middle < 1 || middle % (out / groupsWidth) != 0) {
                throw new IllegalArgumentException("Net1DConfig '" + name + "': stage " + s + " with " + out
                        + " filters, " + blocks.get(s) + " blocks, ratio " + ratio + " and groups width " + groupsWidth
                        + " is not buildable (expected >= 1 block, filters divisible by the groups width, "
                        + "middle width divisible by the group count)");
            }
        }
    }

    private static String describe(String name, int in, int base, int k, int s, double ratio, int gw, double dropout) {
        return "name='" + name + "' in_channels=" + in + " base_filters=" + base + " kernel=" + k + " stride=" + s
                + " ratio=" + ratio + " groups_width=" + gw + " dropout=" + dropout;
    }

    /** One stage: its block-0 input width, output width, middle width, middle groups and block count. */
    public record Stage(int index, int inChannels, int outChannels, int middleChannels, int groups, int blocks) {
    }

    /** The stages in order (spec §2.5's per-stage table). */
    public List<Stage> stages() {
        List<Stage> out = new ArrayList<>();
        int in = baseFilters;
        for (int s = 0; s < filters.size(); s++) {
            int c = filters.get(s);
            out.add(new Stage(s, in, c, (int) Math.floor(c * ratio), c / groupsWidth, blocks.get(s)));
            in = c;
        }
        return out;
    }

    /** The embedding dimension D: the last stage's width. */
    public int embeddingDim() {
        return filters.get(filters.size() - 1);
    }

    /** The same network with the BatchNorm layers running ({@code true}) or skipped. */
    public Net1DConfig withBatchNorm(boolean on) {
        return new Net1DConfig(name, inChannels, baseFilters, kernelSize, stride, ratio, filters, blocks, groupsWidth,
                on, dropout);
    }

    /** The same network with dropout probability {@code p} (0 = off). */
    public Net1DConfig withDropout(double p) {
        return new Net1DConfig(name, inChannels, baseFilters, kernelSize, stride, ratio, filters, blocks, groupsWidth,
                batchNorm, p);
    }

    /** A CLEF scale by name ("small", "medium", "large", any case). */
    public static Net1DConfig byName(String scale) {
        for (Net1DConfig c : SCALES) {
            if (c.name.equals(scale.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown model size '" + scale + "', expected small, medium or large");
    }

    /** The configuration as a JSON object (stored in jclef's checkpoint metadata). */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("in_channels", (long) inChannels);
        m.put("base_filters", (long) baseFilters);
        m.put("kernel_size", (long) kernelSize);
        m.put("stride", (long) stride);
        m.put("ratio", ratio);
        m.put("filter_list", filters.stream().map(Integer::longValue).toList());
        m.put("m_blocks_list", blocks.stream().map(Integer::longValue).toList());
        m.put("groups_width", (long) groupsWidth);
        m.put("use_bn", batchNorm);
        m.put("dropout", dropout);
        return Json.write(m);
    }

    /** Parses {@link #toJson()}'s output; {@code source} names the origin in error messages. */
    public static Net1DConfig fromJson(String json, String source) {
        Map<String, Object> m = Json.parseObject(json, source);
        try {
            return new Net1DConfig((String) require(m, "name", source), intField(m, "in_channels", source),
                    intField(m, "base_filters", source), intField(m, "kernel_size", source),
                    intField(m, "stride", source), ((Number) require(m, "ratio", source)).doubleValue(),
                    intList(m, "filter_list", source), intList(m, "m_blocks_list", source),
                    intField(m, "groups_width", source), (Boolean) require(m, "use_bn", source),
                    ((Number) require(m, "dropout", source)).doubleValue());
        } catch (ClassCastException e) {
            throw new IllegalArgumentException(source + ": a Net1D configuration field has the wrong type: " + json, e);
        }
    }

    private static Object require(Map<String, Object> m, String key, String source) {
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException(source + ": Net1D configuration lacks '" + key + "'");
        }
        return v;
    }

    private static int intField(Map<String, Object> m, String key, String source) {
        Object v = require(m, key, source);
        if (v instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE) {
            return (int) (long) l;
        }
        throw new IllegalArgumentException(source + ": Net1D configuration field '" + key + "' is " + Json.write(v)
                + ", expected a non-negative integer");
    }

    private static List<Integer> intList(Map<String, Object> m, String key, String source) {
        if (!(require(m, key, source) instanceof List<?> list)) {
            throw new IllegalArgumentException(source + ": Net1D configuration field '" + key + "' is not a list");
        }
        List<Integer> out = new ArrayList<>();
        for (Object v : list) {
            if (!(v instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(source + ": Net1D configuration field '" + key
                        + "' holds " + Json.write(v) + ", expected non-negative integers");
            }
            out.add((int) (long) l);
        }
        return out;
    }
}
