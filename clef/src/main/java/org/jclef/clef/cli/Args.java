package org.jclef.clef.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed {@code --name value}, {@code --name=value} and {@code --flag} arguments plus positionals.
 * Every option a command reads is remembered, so {@link #finish()} can reject unknown ones.
 */
public final class Args {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();
    private final Set<String> read = new LinkedHashSet<>();
    private final String command;

    private Args(String command) {
        this.command = command;
    }

    /**
     * Parses {@code argv}. An option followed by another option or by nothing is a flag; every
     * name in {@code flags} is always a flag (never swallows the next word).
     */
    public static Args parse(String command, List<String> argv, Set<String> flags) {
        Args a = new Args(command);
        for (int i = 0; i < argv.size(); i++) {
            String word = argv.get(i);
            if (word.startsWith("--") && word.length() > 2) {
                String name = word.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (!flags.contains(name) && i + 1 < argv.size() && !argv.get(i + 1).startsWith("--")) {
                    value = argv.get(++i);
                } else {
                    value = "true";
                }
                if (a.options.put(name, value) != null) {
                    throw new CliException(command + ": option --" + name + " given twice");
                }
            } else {
                a.positionals.add(word);
            }
        }
        return a;
    }

    public String command() {
        return command;
    }

    public boolean has(String name) {
        read.add(name);
        return options.containsKey(name);
    }

    public boolean flag(String name) {
        read.add(name);
        String v = options.get(name);
        if (v == null) {
            return false;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new CliException(command + ": --" + name + " is a flag and takes no value (got '" + v + "')");
    }

    public String string(String name, String fallback) {
        read.add(name);
        return options.getOrDefault(name, fallback);
    }

    public String required(String name) {
        read.add(name);
        String v = options.get(name);
        if (v == null || v.equals("true")) {
            throw new CliException(command + ": missing required option --" + name + " VALUE");
        }
        return v;
    }

    public int integer(String name, int fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new CliException(command + ": --" + name + " expects an integer, got '" + v + "'");
        }
    }

    public double number(String name, double fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new CliException(command + ": --" + name + " expects a number, got '" + v + "'");
        }
    }

    public double requiredNumber(String name) {
        required(name);
        return number(name, Double.NaN);
    }

    public Path path(String name) {
        String v = string(name, null);
        return v == null ? null : Path.of(v);
    }

    public List<String> positionals() {
        return List.copyOf(positionals);
    }

    /** Throws if an option was given that the command never asked about. */
    public void finish() {
        for (String name : options.keySet()) {
            if (!read.contains(name)) {
                throw new CliException(command + ": unknown option --" + name
                        + " (see jclef " + command + " --help)");
            }
        }
    }
}
