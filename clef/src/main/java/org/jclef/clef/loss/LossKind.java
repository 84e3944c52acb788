package org.jclef.clef.loss;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The pretraining losses, by the name a configuration or command line uses. */
public enum LossKind {
    /** The CLEF loss (§4): {@link ClefLoss}. */
    CLEF("clef", false),
    /** SimCLR's NT-Xent (§4.7): {@link NtXentLoss}. */
    NTXENT("ntxent", false),
    /** BYOL (§4.7): {@link ByolLoss} with a predictor and an EMA target network. */
    BYOL("byol", true),
    /** MoCo (§4.7): {@link MocoLoss} with an EMA key encoder and a {@link MocoQueue}. */
    MOCO("moco", true);

    private final String cliName;
    private final boolean targetNetwork;

    LossKind(String cliName, boolean targetNetwork) {
        this.cliName = cliName;
        this.targetNetwork = targetNetwork;
    }

    /** The lower-case name used in configurations and on the command line. */
    public String cliName() {
        return cliName;
    }

    /**
     * Whether the loss needs a second, EMA-updated network (BYOL's target, MoCo's key encoder);
     * the others are {@link ContrastiveLoss}es on one batch of embeddings.
     */
    public boolean usesTargetNetwork() {
        return targetNetwork;
    }

    /** The kind named {@code name} (case-insensitive; "simclr" also names NT-Xent). */
    public static LossKind parse(String name) {
        if (name != null) {
            String key = name.strip().toLowerCase(Locale.ROOT);
            if (key.equals("simclr")) {
                return NTXENT;
            }
            for (LossKind kind : values()) {
                if (kind.cliName.equals(key)) {
                    return kind;
                }
            }
        }
        throw new IllegalArgumentException("loss: unknown loss '" + name + "', expected one of "
                + Arrays.stream(values()).map(LossKind::cliName).collect(Collectors.joining(", ")) + " (or simclr)");
    }
}
