package org.jclef.clef.tasks;

import java.util.Locale;

/** How an encoder is adapted to a task (spec §7.3). */
public enum Protocol {
    /** A linear probe on frozen embeddings ({@link LinearEvaluation}). */
    LINEAR("linear"),
    /** The encoder and a linear head trained end to end, the reference's protocol ({@link FineTune}). */
    FINETUNE("finetune");

    private final String cliName;

    Protocol(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static Protocol parse(String name) {
        for (Protocol p : values()) {
            if (p.cliName.equals(name.strip().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown protocol '" + name + "', expected linear or finetune");
    }
}
