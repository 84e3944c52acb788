package org.jclef.bench;

import java.util.Optional;

/** The {@link Work} of a benchmark in a result file, from the benchmark class that ran it. */
final class WorkRegistry {

    private WorkRegistry() {
    }

    /**
     * The work of one invocation, or empty for a benchmark this version does not know (another
     * class, or parameters from an older version of it).
     */
    static Optional<Work> of(JmhResult r) {
        try {
            return Optional.ofNullable(work(r));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Work work(JmhResult r) {
        return switch (r.className()) {
            case "ConvBenchmark", "PointwiseConvBenchmark", "ScalarReferenceBenchmark" ->
                    ConvKernelBenchmark.work(r.method(), r.params());
            case "ActivationBenchmark" -> ActivationBenchmark.work(r.method(), r.params());
            case "TrainStepBenchmark" -> TrainStepBenchmark.work(r.method(), r.params());
            case "EmbedBenchmark" -> EmbedBenchmark.work(r.method(), r.params());
            case "FmaPeakBenchmark" -> FmaPeakBenchmark.work(r.method(), r.params());
            default -> null;
        };
    }
}
