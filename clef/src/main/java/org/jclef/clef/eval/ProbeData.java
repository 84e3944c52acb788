package org.jclef.clef.eval;

/**
 * One split of a downstream task: frozen embeddings [N][D] and their targets.
 *
 * @param embeddings [N][D], finite
 * @param targets N targets
 */
public record ProbeData(float[][] embeddings, Targets targets) {

    public ProbeData {
        if (embeddings.length != targets.size()) {
            throw new IllegalArgumentException("ProbeData: " + embeddings.length + " embeddings but "
                    + targets.size() + " targets");
        }
        if (embeddings.length == 0) {
            throw new IllegalArgumentException("ProbeData: the split is empty");
        }
    }

    /** Number of samples N. */
    public int size() {
        return embeddings.length;
    }
}
