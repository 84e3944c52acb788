package org.jclef.clef.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jclef.autograd.Variable;
import org.jclef.clef.demo.DemoData;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.model.Net1DConfig;
import org.jclef.nn.Module;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the code examples of the embedding API's Javadoc ({@code <pre>{@code …}</pre>}
 * blocks of the {@code api} package) and the README's {@code java} blocks, so the documentation
 * cannot drift from the API. Each example becomes the body of a method whose parameters are the
 * names the documentation says are given: {@code weights} (a CLEF-Small checkpoint), {@code record}
 * (a WFDB record), {@code samples} (a {@code float[]} lead at 300 Hz) and {@code records}
 * (a {@code List<Path>} of WFDB records).
 */
class DocSnippetsTest {
    private static final Pattern JAVADOC_BLOCK = Pattern.compile("<pre>\\{@code\\R(.*?)\\R\\s*\\*\\s*}</pre>",
            Pattern.DOTALL);
    private static final Pattern README_BLOCK = Pattern.compile("```java\\R(.*?)```", Pattern.DOTALL);
    private static final String IMPORTS = """
            import java.nio.file.*;
            import java.util.*;
            import org.jclef.clef.api.*;
            import org.jclef.clef.io.*;
            """;

    @TempDir
    Path dir;

    @Test
    void apiJavadocExamplesCompileAndRun() throws Exception {
        List<String> snippets = new ArrayList<>();
        try (var files = Files.list(Path.of("src/main/java/org/jclef/clef/api"))) {
            for (Path file : files.sorted().toList()) {
                Matcher m = JAVADOC_BLOCK.matcher(Files.readString(file));
                while (m.find()) {
                    snippets.add(m.group(1).lines().map(l -> l.replaceFirst("^\\s*\\* ?", ""))
                            .reduce("", (a, b) -> a + b + "\n"));
                }
            }
        }
        assertTrue(snippets.size() >= 3, "expected the API's examples, found " + snippets.size());
        compileAndRun(snippets);
    }

    @Test
    void readmeJavaExamplesCompileAndRun() throws Exception {
        Path readme = Path.of("..", "README.md");
        List<String> snippets = new ArrayList<>();
        Matcher m = README_BLOCK.matcher(Files.readString(readme));
        while (m.find()) {
            snippets.add(m.group(1));
        }
        assertFalse(snippets.isEmpty(), "README.md has no ```java example");
        compileAndRun(snippets);
    }

    private void compileAndRun(List<String> snippets) throws Exception {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> files = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            String source = IMPORTS + "public final class Snippet" + i + " {\n"
                    + "    public static void run(Path weights, Path record, float[] samples, List<Path> records)"
                    + " throws Exception {\n" + snippets.get(i) + "    }\n}\n";
            Path file = sources.resolve("Snippet" + i + ".java");
            Files.writeString(file, source);
            files.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", classPath(),
                "-proc:none", "-Xlint:none"));
        boolean ok = javac.getTask(diagnostics, null, null, options, null,
                javac.getStandardFileManager(null, Locale.ROOT, null).getJavaFileObjectsFromStrings(files)).call();
        assertTrue(ok, "the documented examples do not compile:\n" + diagnostics + "\n" + String.join("\n---\n", snippets));

        Path weights = dir.resolve("clef_small.safetensors");
        Net1D.create(Net1DConfig.SMALL, 3).save(weights);
        Path ptbxl = DemoData.requirePtbXl().resolve("records100/00000");
        List<Path> records = List.of(ptbxl.resolve("00001_lr.hea"), ptbxl.resolve("00002_lr.hea"));
        float[] samples = new float[3000];
        for (int t = 0; t < samples.length; t++) {
            samples[t] = (float) Math.sin(2 * Math.PI * 1.2 * t / 300.0);
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            for (int i = 0; i < snippets.size(); i++) {
                Method run = loader.loadClass("Snippet" + i).getMethod("run", Path.class, Path.class, float[].class,
                        List.class);
                try {
                    run.invoke(null, weights, records.get(0), samples, records);
                } catch (InvocationTargetException e) {
                    throw new AssertionError("example " + i + " failed:\n" + snippets.get(i), e.getCause());
                }
            }
        }
        assertEquals(snippets.size(), Files.list(classes).count());
    }

    /** The folders or jars holding jclef's classes (surefire's own class path may be a manifest-only jar). */
    private static String classPath() throws URISyntaxException {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(ClefEncoder.class, Net1D.class, Module.class, Variable.class, Tensor.class)) {
            entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(File.pathSeparator, entries);
    }
}
