package org.jclef.clef.loss;

import org.jclef.autograd.Variable;

/**
 * A loss on one batch of embeddings {@code z: [2B, D]} (views stacked as [all view 1; all view 2]),
 * optionally weighted by the batch's metadata: {@link ClefLoss} and {@link NtXentLoss}. BYOL and
 * MoCo need a second network and are not of this form ({@link LossKind#usesTargetNetwork()}).
 */
public interface ContrastiveLoss {

    /**
     * The loss of one batch.
     *
     * @param z embeddings {@code [2B, D]}, F32 or F64; rows a and a + B are two views of patient a
     * @param metadata the B patients' metadata (losses that ignore it accept null)
     */
    LossOutput compute(Variable z, BatchMetadata metadata);

    /**
     * The loss of {@code kind}: the CLEF loss with {@code config}, or NT-Xent at the config's
     * temperature.
     *
     * @throws IllegalArgumentException for BYOL and MoCo, which need a target network
     */
    static ContrastiveLoss of(LossKind kind, ClefLossConfig config) {
        return switch (kind) {
            case CLEF -> new ClefLoss(config);
            case NTXENT -> new NtXentLoss(config.temperature());
            case BYOL, MOCO -> throw new IllegalArgumentException("loss: " + kind.cliName()
                    + " needs a target network; use " + (kind == LossKind.BYOL ? "ByolLoss" : "MocoLoss")
                    + " with the trainer's EMA copy of the encoder");
        };
    }
}
