package org.jclef.clef.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jclef.tensor.io.Json;

/**
 * Reads fixtures/sklearn_eval.json (written by tools/sklearn-fixtures/generate.py) into plain
 * arrays; JSON null (an undefined value) becomes NaN.
 */
final class SklearnFixture {
    private static final String RESOURCE = "fixtures/sklearn_eval.json";
    private static Map<String, Object> document;

    private SklearnFixture() {
    }

    static synchronized Map<String, Object> document() {
        if (document == null) {
            try (InputStream in = SklearnFixture.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing (run tools/sklearn-fixtures/generate.py)");
                }
                document = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!"jclef-sklearn-fixture-1".equals(document.get("format"))) {
                throw new IllegalStateException(RESOURCE + ": unexpected format " + document.get("format"));
            }
        }
        return document;
    }

    /** document[section][name]. */
    static Map<String, Object> testCase(String section, String name) {
        return map(map(document(), section), name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> o, String key) {
        return (Map<String, Object>) require(o, key);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> o, String key) {
        return (List<Object>) require(o, key);
    }

    static double number(Map<String, Object> o, String key) {
        return toDouble(require(o, key));
    }

    static double[] doubles(Map<String, Object> o, String key) {
        return doubles(list(o, key));
    }

    static int[] ints(Map<String, Object> o, String key) {
        List<Object> values = list(o, key);
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).intValue();
        }
        return out;
    }

    static double[][] matrix(Map<String, Object> o, String key) {
        List<Object> rows = list(o, key);
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(asList(rows.get(i)));
        }
        return out;
    }

    static int[][] intMatrix(Map<String, Object> o, String key) {
        double[][] m = matrix(o, key);
        int[][] out = new int[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new int[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                out[i][j] = (int) m[i][j];
            }
        }
        return out;
    }

    /** A matrix of JSON numbers read as float, as embeddings are stored. */
    static float[][] floatMatrix(Map<String, Object> o, String key) {
        double[][] m = matrix(o, key);
        float[][] out = new float[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new float[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                out[i][j] = (float) m[i][j];
            }
        }
        return out;
    }

    private static double[] doubles(List<Object> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toDouble(values.get(i));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object o) {
        return (List<Object>) o;
    }

    private static double toDouble(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    private static Object require(Map<String, Object> o, String key) {
        if (!o.containsKey(key)) {
            throw new IllegalStateException(RESOURCE + ": no key '" + key + "' (have " + o.keySet() + ")");
        }
        return o.get(key);
    }
}
