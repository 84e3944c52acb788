package org.jclef.clef.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jclef.clef.loss.EmaUpdate;
import org.jclef.clef.model.Net1D;
import org.jclef.nn.Parameter;
import org.jclef.tensor.Tensor;

/**
 * An EMA copy of the online encoder (BYOL's target, MoCo's key encoder): starts as an exact copy,
 * then follows θ_target ← m·θ_target + (1 − m)·θ_online, updated before each of its forward passes
 * (spec §4.7). It receives no gradient.
 */
final class EmaTarget {
    private final Net1D target;
    private final List<Tensor> targetValues;
    private final List<Tensor> onlineValues;
    private final double momentum;

    EmaTarget(Net1D online, double momentum) {
        this.target = Net1D.create(online.config(), 0);
        this.momentum = momentum;
        for (Parameter p : target.parameters()) {
            p.requiresGrad(false);
        }
        // Values are materialised here and keep their identity: optimiser steps and state loads write into them.
        this.targetValues = values(target);
        this.onlineValues = values(online);
        EmaUpdate.apply(targetValues, onlineValues, 0.0);
    }

    /** Moves the target towards the online encoder's current parameters. */
    void update() {
        EmaUpdate.apply(targetValues, onlineValues, momentum);
    }

    Net1D network() {
        return target;
    }

    Map<String, Tensor> state() {
        return target.stateDict();
    }

    void loadState(Map<String, Tensor> state) {
        target.loadStateDict(state);
    }

    double momentum() {
        return momentum;
    }

    private static List<Tensor> values(Net1D net) {
        List<Tensor> out = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            out.add(p.value());
        }
        return out;
    }
}
