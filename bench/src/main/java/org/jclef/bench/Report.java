package org.jclef.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jclef.clef.bench.FmaPeak;

/**
 * Prints a JMH JSON result as a table with the rate next to the time: GFLOP/s (counted FLOPs /
 * time) and its fraction of the FMA peak of the cores used ({@link FmaPeak}), or GB/s for the
 * memory-bound benchmarks.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.jclef.bench.Report bench/results/RUN.json</pre>
 */
public final class Report {

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Report RESULT.json   (a JMH result written with -rf json)");
            System.exit(2);
        }
        print(JmhResult.read(Path.of(args[0])), System.out);
    }

    static void print(List<JmhResult> results, PrintStream out) {
        String row = "%-40s %-" + paramWidth(results) + "s %12s %10s %16s %7s%n";
        out.printf(Locale.ROOT, row, "benchmark", "params", "time", "± error", "rate", "peak");
        for (JmhResult r : results) {
            Optional<Work> work = WorkRegistry.of(r);
            double seconds = r.seconds();
            String rate = work.map(w -> String.format(Locale.ROOT, "%.1f %s", w.rate(seconds), w.unit().rate))
                    .orElse("-");
            String peak = work.filter(w -> w.unit() == Work.Unit.FLOP)
                    .map(w -> String.format(Locale.ROOT, "%.1f%%",
                            100 * FmaPeak.of(w.cores()).fraction(w.rate(seconds))))
                    .orElse("");
            double relativeError = r.error() / r.score();
            out.printf(Locale.ROOT, row, r.shortName(), r.paramText(),
                    Times.format(seconds), Double.isNaN(relativeError) ? "?" : Times.format(relativeError * seconds),
                    rate, peak);
        }
    }

    /** The width of the widest parameter text (at least the header's). */
    static int paramWidth(List<JmhResult> results) {
        return results.stream().mapToInt(r -> r.paramText().length()).reduce("params".length(), Math::max);
    }
}
