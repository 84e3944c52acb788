package org.jclef.clef.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jclef.tensor.Backends;

/** The versions and machine a run used, for the report: jclef, its git commit, Java, OS, cores, backend. */
public final class RunInfo {
    private RunInfo() {
    }

    /** Name → value, in a fixed order. */
    public static Map<String, String> collect() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("jclef", jclefVersion());
        info.put("git commit", gitCommit());
        info.put("java", System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")");
        info.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        info.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        info.put("max heap", Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        info.put("backend", Backends.current().name() + " (" + Backends.reason() + ")");
        return info;
    }

    /** The Maven version of the clef module, from the jar's pom.properties when present. */
    static String jclefVersion() {
        try (InputStream in = RunInfo.class.getResourceAsStream("/META-INF/maven/org.jclef/jclef-clef/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown (classes not packaged by Maven)";
    }

    /** The checkout's commit (and "+ local changes" when the tree is dirty), or why it is unknown. */
    static String gitCommit() {
        Path root = DemoData.ptbXl().map(p -> p.getParent().getParent().getParent()).orElse(null);
        if (root == null || !Files.exists(root.resolve(".git"))) {
            return "unknown (not a git checkout)";
        }
        String head = git(root, "rev-parse", "--short=12", "HEAD");
        if (head == null) {
            return "unknown (git not available)";
        }
        String status = git(root, "status", "--porcelain", "--untracked-files=no");
        return head + (status != null && !status.isBlank() ? " + local changes" : "");
    }

    private static String git(Path root, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = root.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return null;
            }
            return new String(output, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
