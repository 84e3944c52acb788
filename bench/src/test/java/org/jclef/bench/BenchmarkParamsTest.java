package org.jclef.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Every default parameter combination of every benchmark class names real layers and models, and
 * the report knows the work of each of its methods (a typo in a layer name fails here, not after
 * ten minutes of JMH).
 */
class BenchmarkParamsTest {
    private static final List<Class<?>> BENCHMARKS = List.of(ConvBenchmark.class, PointwiseConvBenchmark.class,
            ScalarReferenceBenchmark.class, ActivationBenchmark.class, TrainStepBenchmark.class, EmbedBenchmark.class,
            FmaPeakBenchmark.class);

    @Test
    void everyDefaultCombinationHasKnownWork() {
        int checked = 0;
        for (Class<?> type : BENCHMARKS) {
            List<Map<String, String>> combos = combinations(type);
            for (var method : type.getMethods()) {
                if (!method.isAnnotationPresent(Benchmark.class)) {
                    continue;
                }
                for (Map<String, String> params : combos) {
                    JmhResult r = new JmhResult(type.getName() + "." + method.getName(), "avgt", params, 1.0, 0.1,
                            "ms/op");
                    Work work = WorkRegistry.of(r).orElseThrow(() -> new AssertionError("no work for " + r.key()));
                    assertTrue(work.amount() > 0, r.key());
                    checked++;
                }
            }
        }
        assertTrue(checked > 50, "only " + checked + " combinations");
    }

    @Test
    void convWorkIsTheLayersFlopsOnTheSimdThreads() {
        JmhResult r = new JmhResult("org.jclef.bench.ConvBenchmark.forward", "avgt",
                Map.of("layer", "issue", "batch", "layer", "backend", "simd", "threads", "2"), 1.0, 0.1, "ms/op");
        Work w = WorkRegistry.of(r).orElseThrow();
        assertEquals(2.0 * 64 * 128 * 1250 * 4 * 16, w.amount());
        assertEquals(Work.Unit.FLOP, w.unit());
        assertEquals(2, w.cores());
        JmhResult scalar = new JmhResult("org.jclef.bench.ScalarReferenceBenchmark.forward", "avgt",
                Map.of("layer", "issue", "batch", "8", "backend", "scalar", "threads", "2"), 1.0, 0.1, "ms/op");
        assertEquals(1, WorkRegistry.of(scalar).orElseThrow().cores());
        assertEquals(2.0 * 8 * 128 * 1250 * 4 * 16, WorkRegistry.of(scalar).orElseThrow().amount());
        JmhResult old = new JmhResult("org.jclef.bench.ConvBenchmark.forward", "avgt", Map.of("shape", "issue"), 1.0,
                0.1, "ms/op");
        assertTrue(WorkRegistry.of(old).isEmpty(), "a result of an older version has no work");
    }

    /** The cross product of the class's @Param defaults (inherited fields included). */
    private static List<Map<String, String>> combinations(Class<?> type) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new HashMap<>());
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                Param p = f.getAnnotation(Param.class);
                if (p == null) {
                    continue;
                }
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> partial : out) {
                    for (String v : p.value()) {
                        Map<String, String> m = new HashMap<>(partial);
                        m.put(f.getName(), v);
                        next.add(m);
                    }
                }
                out = next;
            }
        }
        return out;
    }
}
