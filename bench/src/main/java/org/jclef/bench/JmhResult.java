package org.jclef.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.jclef.tensor.io.Json;

/**
 * One benchmark of a JMH JSON result file ({@code -rf json}): its name, parameters and primary
 * score with JMH's error (the half-width of the 99.9% confidence interval; NaN when JMH gives none,
 * e.g. after a single iteration).
 *
 * @param benchmark the full name, {@code org.jclef.bench.ConvBenchmark.forward}
 * @param mode      JMH's mode: {@code avgt}, {@code sample}, {@code ss} (time per operation) or {@code thrpt}
 * @param params    the parameters, sorted by name
 * @param score     the primary score in {@code unit}
 * @param error     the score's error in {@code unit}
 * @param unit      e.g. {@code ms/op} or {@code ops/s}
 */
record JmhResult(String benchmark, String mode, Map<String, String> params, double score, double error,
                 String unit) {

    JmhResult {
        params = new TreeMap<>(params);
    }

    /** Reads every benchmark of a JMH JSON file. */
    static List<JmhResult> read(Path file) throws IOException {
        Object root = Json.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        if (!(root instanceof List<?> entries)) {
            throw new IllegalArgumentException(file + ": expected a JMH result (a JSON array of benchmarks), found "
                    + Json.typeName(root));
        }
        List<JmhResult> out = new ArrayList<>();
        for (Object entry : entries) {
            out.add(of(entry, file));
        }
        return out;
    }

    private static JmhResult of(Object entry, Path file) {
        if (!(entry instanceof Map<?, ?> m) || !(m.get("benchmark") instanceof String name)
                || !(m.get("mode") instanceof String mode) || !(m.get("primaryMetric") instanceof Map<?, ?> metric)
                || !(metric.get("scoreUnit") instanceof String unit)) {
            throw new IllegalArgumentException(file + ": a benchmark entry lacks benchmark, mode or primaryMetric "
                    + "with scoreUnit: " + Json.write(entry));
        }
        Map<String, String> params = new TreeMap<>();
        if (m.get("params") instanceof Map<?, ?> p) {
            p.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
        }
        return new JmhResult(name, mode, params, number(metric.get("score"), name, file),
                number(metric.get("scoreError"), name, file), unit);
    }

    /** A JSON number, or the strings JMH writes for non-finite values ("NaN", "Infinity"). */
    private static double number(Object value, String benchmark, Path file) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": " + benchmark + ": score '" + s + "' is not a number", e);
            }
        }
        throw new IllegalArgumentException(file + ": " + benchmark + ": score is " + Json.typeName(value)
                + ", expected a number");
    }

    /** The benchmark's class name without the package, {@code ConvBenchmark}. */
    String className() {
        String withoutMethod = benchmark.substring(0, Math.max(0, benchmark.lastIndexOf('.')));
        return withoutMethod.substring(withoutMethod.lastIndexOf('.') + 1);
    }

    /** The method name, {@code forward}. */
    String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** {@code ConvBenchmark.forward}. */
    String shortName() {
        return className() + "." + method();
    }

    /** The parameters as {@code name=value} words. */
    String paramText() {
        StringJoiner j = new StringJoiner(" ");
        params.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    /** What identifies the same measurement in two runs: name and parameters. */
    String key() {
        return benchmark + " " + paramText();
    }

    /** Whether a smaller score is better (a time per operation rather than a throughput). */
    boolean lowerIsBetter() {
        return !mode.equals("thrpt");
    }

    /** Seconds per operation from the score, whatever the mode's unit. */
    double seconds() {
        String[] parts = unit.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException(benchmark + ": unexpected score unit '" + unit + "'");
        }
        return lowerIsBetter() ? score * unitSeconds(parts[0]) : unitSeconds(parts[1]) / score;
    }

    private double unitSeconds(String unitName) {
        return switch (unitName) {
            case "s" -> 1;
            case "ms" -> 1e-3;
            case "us" -> 1e-6;
            case "ns" -> 1e-9;
            case "min" -> 60;
            default -> throw new IllegalArgumentException(benchmark + ": unexpected time unit '" + unitName
                    + "' in '" + unit + "'");
        };
    }
}
