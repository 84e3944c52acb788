package org.jclef.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares two JMH JSON results, benchmark by benchmark (same name and parameters): the time
 * ratio B/A, and a verdict that counts only a change beyond the runs' own error. JMH's error is
 * the half-width of a 99.9% confidence interval; two runs differ when their times are further
 * apart than the combined half-width √(e_A² + e_B²).
 *
 * <pre>java -cp bench/target/benchmarks.jar org.jclef.bench.Compare BEFORE.json AFTER.json</pre>
 *
 * Exits with 1 when some benchmark got slower beyond the error, so a script can stop on it.
 */
public final class Compare {

    /** How B stands against A. */
    enum Verdict {
        FASTER("faster"),
        SAME("same"),
        SLOWER("SLOWER"),
        NO_ERROR("(no error estimate)");

        final String text;

        Verdict(String text) {
            this.text = text;
        }
    }

    /** One benchmark present in both runs. */
    record Row(JmhResult a, JmhResult b) {

        /** B's time over A's: below 1 is faster. */
        double ratio() {
            return b.seconds() / a.seconds();
        }

        Verdict verdict() {
            double ea = a.error() / a.score() * a.seconds();
            double eb = b.error() / b.score() * b.seconds();
            if (Double.isNaN(ea) || Double.isNaN(eb)) {
                return Verdict.NO_ERROR;
            }
            double margin = Math.hypot(ea, eb);
            double change = b.seconds() - a.seconds();
            return change > margin ? Verdict.SLOWER : -change > margin ? Verdict.FASTER : Verdict.SAME;
        }
    }

    private Compare() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Compare BEFORE.json AFTER.json   (JMH results written with -rf json)");
            System.exit(2);
        }
        int slower = print(JmhResult.read(Path.of(args[0])), JmhResult.read(Path.of(args[1])), System.out);
        System.exit(slower > 0 ? 1 : 0);
    }

    /** Prints the comparison and returns the number of benchmarks that got slower beyond the error. */
    static int print(List<JmhResult> before, List<JmhResult> after, PrintStream out) {
        Map<String, JmhResult> byKey = new LinkedHashMap<>();
        for (JmhResult r : before) {
            byKey.put(r.key(), r);
        }
        int width = Math.max(Report.paramWidth(before), Report.paramWidth(after));
        String text = "%-40s %-" + width + "s %20s %20s %6s  %s%n";
        String numbers = "%-40s %-" + width + "s %20s %20s %6.3f  %s%n";
        out.printf(Locale.ROOT, text, "benchmark", "params", "A", "B", "B/A", "verdict");
        int slower = 0, faster = 0, matched = 0;
        double logRatios = 0;
        for (JmhResult b : after) {
            JmhResult a = byKey.remove(b.key());
            if (a == null) {
                out.printf(Locale.ROOT, text, b.shortName(), b.paramText(), "-",
                        Times.format(b.seconds()), "", "only in B");
                continue;
            }
            Row row = new Row(a, b);
            Verdict v = row.verdict();
            slower += v == Verdict.SLOWER ? 1 : 0;
            faster += v == Verdict.FASTER ? 1 : 0;
            matched++;
            logRatios += Math.log(row.ratio());
            out.printf(Locale.ROOT, numbers, b.shortName(), b.paramText(), timeWithError(a),
                    timeWithError(b), row.ratio(), v.text);
        }
        for (JmhResult a : byKey.values()) {
            out.printf(Locale.ROOT, text, a.shortName(), a.paramText(),
                    Times.format(a.seconds()), "-", "", "only in A");
        }
        out.printf(Locale.ROOT, "%d benchmarks in both: %d slower beyond the error, %d faster, geometric mean B/A %s%n",
                matched, slower, faster,
                matched == 0 ? "-" : String.format(Locale.ROOT, "%.3f", Math.exp(logRatios / matched)));
        return slower;
    }

    private static String timeWithError(JmhResult r) {
        double error = r.error() / r.score() * r.seconds();
        return Times.format(r.seconds()) + (Double.isNaN(error) ? "" : " ± " + Times.format(error).replace(" ", ""));
    }
}
