package org.jclef.clef.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code jclef <command> [options]}: the command-line entry point. Errors print one message and
 * exit non-zero; {@code --verbose} adds the stack trace.
 */
public final class Main {
    /** Options every command accepts. */
    static final Set<String> GLOBAL_FLAGS = Set.of("verbose", "help", "json", "quick", "resume", "smoker", "diabetes");

    private static final List<Command> COMMANDS = List.of(
            new RecordCommand(),
            new Score2Command(),
            new EmbedCommand(),
            new InfoCommand(),
            new PretrainCommand(),
            new ProbeCommand(),
            new DemoCommand(),
            new BenchCommand()
    );

    private Main() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    /** Runs one command line and returns its exit code (tests call this directly). */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help")) {
            printHelp(out);
            return argv.length == 0 ? 2 : 0;
        }
        Command command = find(argv[0]);
        if (command == null) {
            err.println("jclef: unknown command '" + argv[0] + "'");
            printHelp(err);
            return 2;
        }
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        boolean verbose = rest.contains("--verbose");
        try {
            Args args = Args.parse(command.name(), rest, GLOBAL_FLAGS);
            if (args.flag("help")) {
                out.println(command.usage());
                return 0;
            }
            args.flag("verbose");
            return command.run(args, out, err);
        } catch (CliException e) {
            err.println("jclef " + command.name() + ": " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return 2;
        } catch (IllegalArgumentException | IllegalStateException | IOException | UncheckedIOException e) {
            err.println("jclef " + command.name() + ": " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            } else {
                err.println("(run with --verbose for the stack trace)");
            }
            return 1;
        } catch (Exception e) {
            err.println("jclef " + command.name() + ": unexpected " + e);
            if (verbose) {
                e.printStackTrace(err);
            } else {
                err.println("(run with --verbose for the stack trace)");
            }
            return 1;
        }
    }

    private static Command find(String name) {
        for (Command c : COMMANDS) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static void printHelp(PrintStream out) {
        out.println("usage: jclef <command> [options]   (jclef <command> --help for details)");
        out.println();
        for (Command c : COMMANDS) {
            out.printf("  %-10s %s%n", c.name(), c.summary());
        }
    }
}
