package org.jclef.clef.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jclef.autograd.Variable;
import org.jclef.clef.loss.ClefLoss;
import org.jclef.clef.loss.ContrastiveLoss;
import org.jclef.clef.loss.LossOutput;
import org.jclef.clef.model.Net1D;
import org.jclef.nn.Parameter;
import org.jclef.tensor.Tensor;

/**
 * The CLEF loss or NT-Xent on the encoder's embeddings of all 2B views at once
 * ({@code z = encoder([view 1; view 2])}, spec §3.6 and §4). Nothing to keep between steps.
 */
final class ContrastiveObjective implements Objective {
    private final Net1D encoder;
    private final ContrastiveLoss loss;

    ContrastiveObjective(Net1D encoder, ContrastiveLoss loss) {
        this.encoder = encoder;
        this.loss = loss;
    }

    @Override
    public Map<String, Parameter> parameters() {
        return encoder.namedParameters();
    }

    @Override
    public LossOutput loss(ViewBatch batch) {
        Variable z = encoder.forward(Variable.constant(batch.views()));
        return loss.compute(z, batch.metadata());
    }

    @Override
    public List<String> terms() {
        if (!(loss instanceof ClefLoss clef)) {
            return List.of();
        }
        List<String> terms = new ArrayList<>();
        if (clef.config().nce()) {
            terms.add("nce");
        }
        if (clef.config().align()) {
            terms.add("align");
        }
        return terms;
    }

    @Override
    public Map<String, Tensor> state() {
        return Map.of();
    }

    @Override
    public void loadState(Map<String, Tensor> state) {
        if (!state.isEmpty()) {
            throw new IllegalArgumentException("checkpoint holds " + state.keySet().iterator().next()
                    + "… which the " + describe() + " objective does not have");
        }
    }

    @Override
    public String describe() {
        return loss instanceof ClefLoss clef ? clef.config().describe() : loss.toString();
    }
}
