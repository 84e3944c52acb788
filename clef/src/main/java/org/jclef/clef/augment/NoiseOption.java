package org.jclef.clef.augment;

import java.util.random.RandomGenerator;

/** The five noise choices of spec §3.5, drawn uniformly per view. */
public enum NoiseOption {
    IDENTITY(null),
    MOTION_ARTEFACT("motion_artefacts"),
    ELECTRODE_MOVEMENT("electrode_movement"),
    BASELINE_WANDER("baseline_wander"),
    MIXTURE("mixture_of_noises");

    private final String matrixName;

    NoiseOption(String matrixName) {
        this.matrixName = matrixName;
    }

    /** The array name in the simulator's {@code DATA_noises_real.mat}; null for {@link #IDENTITY}. */
    public String matrixName() {
        return matrixName;
    }

    /** One uniform draw over the five options ({@code rng.nextInt(5)}). */
    public static NoiseOption draw(RandomGenerator rng) {
        return values()[rng.nextInt(values().length)];
    }
}
