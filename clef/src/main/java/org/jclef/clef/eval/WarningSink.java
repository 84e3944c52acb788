package org.jclef.clef.eval;

import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Where the evaluation code reports conditions that do not stop it but change what a number means:
 * an undefined metric (a label column constant in the test set), bootstrap resamples skipped, a
 * solver that ran out of iterations, a label that could not be fitted.
 *
 * <pre>{@code
 * List<String> seen = new ArrayList<>();
 * Metrics.macroAuroc(y, scores, MacroRule.STRICT, WarningSink.collecting(seen));
 * // seen: ["AUROC of label 3 is undefined: all 120 test samples are negative"]
 * }</pre>
 */
@FunctionalInterface
public interface WarningSink {

    void warn(String message);

    /** Logs each warning at level WARNING on the System.Logger "org.jclef.clef.eval". */
    static WarningSink logger() {
        System.Logger log = System.getLogger("org.jclef.clef.eval");
        return message -> log.log(Level.WARNING, message);
    }

    /** Appends each warning to {@code messages}. */
    static WarningSink collecting(List<String> messages) {
        return messages::add;
    }

    /** Drops every warning (for resampled evaluations whose outcome is counted instead). */
    static WarningSink ignoring() {
        return message -> { };
    }

    /** Sends each warning to this sink and then to {@code other}. */
    default WarningSink andThen(WarningSink other) {
        return message -> {
            warn(message);
            other.warn(message);
        };
    }
}
