package org.jclef.tensor.io;

import java.util.Arrays;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jclef.tensor.Tensor;

/**
 * A reference fixture: a safetensors file of named test cases, as written by
 * {@code tools/torch-fixtures/generate.py} (its README documents every file).
 *
 * <p>Layout: a case {@code c} is the metadata entry {@code "c/params"} (a JSON object of the
 * case's parameters) plus the tensors {@code "c/<name>"}. Other metadata entries (generator,
 * torch version, seed) describe the whole file.
 *
 * <pre>{@code
 * for (Fixture.Case c : Fixture.load("fixtures/conv1d.safetensors").cases()) {
 *     Tensor x = c.tensor("x");          // F32 input
 *     int stride = c.intParam("stride");
 *     Tensor y = c.tensor("y");          // F64 reference output
 * }
 * }</pre>
 *
 * Fixtures are read whole into memory; for large tensor files use {@link SafeTensors#open}.
 * Loading failures are unchecked ({@link UncheckedIOException}) so that test code stays short.
 */
public final class Fixture {
    private static final String PARAMS_SUFFIX = "/params";

    private final SafeTensors file;
    private final Map<String, Case> cases;

    private Fixture(SafeTensors file) {
        this.file = file;
        Map<String, Case> byName = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : file.metadata().entrySet()) {
            String key = e.getKey();
            if (key.endsWith(PARAMS_SUFFIX)) {
                String name = key.substring(0, key.length() - PARAMS_SUFFIX.length());
                byName.put(name, new Case(this, name, Json.parseObject(e.getValue(), file.source() + " " + key)));
            }
        }
        this.cases = byName;
    }

    /** Loads {@code location} as a file if one exists there, else as a classpath resource. */
    public static Fixture load(String location) {
        Path path = Path.of(location);
        return Files.isRegularFile(path) ? fromFile(path) : fromClasspath(location);
    }

    /** Loads a classpath resource such as {@code "fixtures/conv1d.safetensors"}. */
    public static Fixture fromClasspath(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Fixture.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("fixture '" + resource
                        + "' is neither a file nor a classpath resource (regenerate with tools/torch-fixtures/generate.py)"));
            }
            return new Fixture(SafeTensors.read(in.readAllBytes(), "classpath:" + resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a fixture file. */
    public static Fixture fromFile(Path path) {
        try {
            return new Fixture(SafeTensors.read(Files.readAllBytes(path), path.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String source() {
        return file.source();
    }

    /** The file-level and per-case metadata. */
    public Map<String, String> metadata() {
        return file.metadata();
    }

    /** The cases in file order. */
    public List<Case> cases() {
        return new ArrayList<>(cases.values());
    }

    /** The cases whose parameter {@code "op"} equals {@code op}, in file order. */
    public List<Case> cases(String op) {
        return cases.values().stream().filter(c -> op.equals(c.params().get("op"))).toList();
    }

    /** One case by name. */
    public Case get(String name) {
        Case c = cases.get(name);
        if (c == null) {
            throw new IllegalArgumentException(source() + ": no case '" + name + "' (cases: " + cases.keySet() + ")");
        }
        return c;
    }

    /** A tensor by its full name ({@code "case/name"}), with its stored type. */
    public Tensor tensor(String fullName) {
        return file.tensor(fullName);
    }

    public boolean has(String fullName) {
        return file.contains(fullName);
    }

    /** One test case: its name, its parameters and access to its tensors. */
    public record Case(Fixture fixture, String name, Map<String, Object> params) {

        /** Tensor {@code "name/t"} with its stored type (inputs F32, references F64). */
        public Tensor tensor(String t) {
            return fixture.tensor(name + "/" + t);
        }

        public boolean has(String t) {
            return fixture.has(name + "/" + t);
        }

        public int intParam(String key) {
            Object v = param(key);
            if (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                return (int) (long) l;
            }
            throw badParam(key, v, "an int");
        }

        public double doubleParam(String key) {
            Object v = param(key);
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            throw badParam(key, v, "a number");
        }

        public boolean boolParam(String key) {
            Object v = param(key);
            if (v instanceof Boolean b) {
                return b;
            }
            throw badParam(key, v, "a boolean");
        }

        public String stringParam(String key) {
            Object v = param(key);
            if (v instanceof String s) {
                return s;
            }
            throw badParam(key, v, "a string");
        }

        private Object param(String key) {
            if (!params.containsKey(key)) {
                throw new IllegalArgumentException(fixture.source() + ": case '" + name + "' has no parameter '"
                        + key + "' (has " + params.keySet() + ")");
            }
            return params.get(key);
        }

        private IllegalArgumentException badParam(String key, Object value, String expected) {
            return new IllegalArgumentException(fixture.source() + ": case '" + name + "' parameter '" + key
                    + "' is " + Json.write(value) + ", expected " + expected);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * The fixtures' comparison metric (tools/torch-fixtures/README.md): {@code max|a − b| / max|b|}
     * over the whole tensor, {@code b} being the reference, or {@code max|a − b|} when {@code b} is
     * all zeros; NaN when any difference is NaN. Types may differ (F32 result, F64 reference).
     */
    public static double relativeError(Tensor actual, Tensor reference) {
        if (!actual.sameShape(reference)) {
            throw new IllegalArgumentException("relativeError: shape " + Arrays.toString(actual.shape())
                    + " vs reference " + Arrays.toString(reference.shape()));
        }
        double[] a = actual.toDoubleArray(), b = reference.toDoubleArray();
        double maxDiff = 0, maxRef = 0;
        for (int i = 0; i < a.length; i++) {
            double diff = Math.abs(a[i] - b[i]);
            if (Double.isNaN(diff)) {
                return Double.NaN;
            }
            maxDiff = Math.max(maxDiff, diff);
            maxRef = Math.max(maxRef, Math.abs(b[i]));
        }
        return maxRef == 0 ? maxDiff : maxDiff / maxRef;
    }
}
