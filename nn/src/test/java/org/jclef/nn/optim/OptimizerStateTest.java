package org.jclef.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.jclef.autograd.Functions;
import org.jclef.autograd.Variable;
import org.jclef.nn.Init;
import org.jclef.nn.Parameter;
import org.jclef.nn.StateDicts;
import org.jclef.nn.layers.BatchNorm1d;
import org.jclef.nn.layers.Linear;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saving an optimiser's state (with the model's and the scheduler's step count) and restoring it
 * into fresh objects makes the following steps bitwise identical to an uninterrupted run.
 */
class OptimizerStateTest {

    /** A small model: a linear layer that is trained, and a BatchNorm layer that never gets a gradient. */
    private static final class Model {
        final Linear linear = new Linear(Init.seeded(DType.F32, 1), 6, 3);
        final BatchNorm1d unused = new BatchNorm1d(Init.seeded(DType.F32, 2), 4);

        Map<String, Parameter> parameters() {
            Map<String, Parameter> out = new LinkedHashMap<>();
            linear.namedParameters().forEach((k, p) -> out.put("linear." + k, p));
            unused.namedParameters().forEach((k, p) -> out.put("unused." + k, p));
            return out;
        }

        void trainStep(Optimizer optimizer, int step) {
            optimizer.zeroGrad();
            Tensor x = Tensor.uniform(DType.F32, new SplittableRandom(100 + step), -1, 1, 5, 6);
            Functions.mean(Functions.square(linear.forward(Variable.constant(x)))).backward();
            optimizer.step();
        }
    }

    private static void roundTrip(Function<Map<String, Parameter>, Optimizer> factory, LrSchedule schedule, Path dir)
            throws Exception {
        Model reference = new Model();
        Optimizer refOpt = factory.apply(reference.parameters());
        Scheduler refSched = new Scheduler(refOpt, schedule);
        for (int s = 0; s < 3; s++) {
            reference.trainStep(refOpt, s);
            refSched.step();
        }
        Path modelFile = dir.resolve("model.safetensors");
        Path optimFile = dir.resolve("optim.safetensors");
        StateDicts.save(modelFile, reference.linear, Map.of());
        StateDicts.save(optimFile, refOpt.stateDict(), Map.of("scheduler_steps", Long.toString(refSched.steps())));
        for (int s = 3; s < 6; s++) {
            reference.trainStep(refOpt, s);
            refSched.step();
        }

        Model resumed = new Model();
        StateDicts.load(modelFile, resumed.linear);
        Optimizer opt = factory.apply(resumed.parameters());
        opt.loadStateDict(StateDicts.read(optimFile));
        Scheduler sched = new Scheduler(opt, schedule);
        sched.setSteps(Long.parseLong(StateDicts.metadata(optimFile).get("scheduler_steps")));
        for (int s = 3; s < 6; s++) {
            resumed.trainStep(opt, s);
            sched.step();
        }
        assertArrayEquals(reference.linear.weight().value().toFloatArray(), resumed.linear.weight().value().toFloatArray());
        assertArrayEquals(reference.linear.bias().value().toFloatArray(), resumed.linear.bias().value().toFloatArray());
        assertEquals(refOpt.learningRate(), opt.learningRate());
        assertEquals(refOpt.momentum(), opt.momentum());
        assertEquals(refOpt.stateDict().keySet(), opt.stateDict().keySet());
    }

    @Test
    void adamWResumesIdentically(@TempDir Path dir) throws Exception {
        roundTrip(p -> Adam.adamW(p, Adam.Hyper.of(1e-2, 0.05)), OneCycle.of(0.05, 10), dir);
    }

    @Test
    void adamResumesIdentically(@TempDir Path dir) throws Exception {
        roundTrip(p -> Adam.adam(p, Adam.Hyper.of(1e-2, 1e-3)), new CosineWarmRestarts(1e-2, 2, 2, 1e-4), dir);
    }

    @Test
    void sgdWithMomentumResumesIdentically(@TempDir Path dir) throws Exception {
        roundTrip(p -> new Sgd(p, new Sgd.Hyper(0.1, 0.9, 0, 1e-3, true)), LrSchedule.constant(0.1), dir);
    }

    @Test
    void parametersWithoutGradientGetNoStateAndNoDecay() {
        Model model = new Model();
        double[] before = model.unused.weight().value().toDoubleArray();
        Adam opt = Adam.adamW(model.parameters(), Adam.Hyper.of(0.1, 0.5));
        model.trainStep(opt, 0);
        assertArrayEquals(before, model.unused.weight().value().toDoubleArray());
        assertEquals(Set.of("group/lr", "group/momentum", "state/linear.weight/exp_avg",
                "state/linear.weight/exp_avg_sq", "state/linear.weight/step", "state/linear.bias/exp_avg",
                "state/linear.bias/exp_avg_sq", "state/linear.bias/step"), opt.stateDict().keySet());
        assertEquals(1, opt.stateDict().get("state/linear.bias/step").item());
    }

    @Test
    void loadStateDictRejectsForeignState() {
        Model model = new Model();
        Adam adam = Adam.adam(model.parameters(), Adam.Hyper.of(0.1, 0));
        model.trainStep(adam, 0);
        Map<String, Tensor> state = adam.stateDict();

        Sgd sgd = new Sgd(new Model().parameters(), new Sgd.Hyper(0.1, 0.9, 0, 0, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sgd.loadStateDict(state));
        assertTrue(e.getMessage().contains("unknown entry 'exp_avg'"), e.getMessage());

        Map<String, Tensor> partial = new LinkedHashMap<>(state);
        partial.remove("state/linear.bias/exp_avg_sq");
        Adam other = Adam.adam(new Model().parameters(), Adam.Hyper.of(0.1, 0));
        e = assertThrows(IllegalArgumentException.class, () -> other.loadStateDict(partial));
        assertTrue(e.getMessage().contains("parameter 'linear.bias' has entries"), e.getMessage());

        Map<String, Tensor> misshaped = new LinkedHashMap<>(state);
        misshaped.put("state/linear.weight/exp_avg", Tensor.zeros(2, 2));
        e = assertThrows(IllegalArgumentException.class, () -> other.loadStateDict(misshaped));
        assertTrue(e.getMessage().contains("'state/linear.weight/exp_avg' has shape [2, 2], expected [3, 6]"), e.getMessage());
        assertFalse(other.stateDict().containsKey("state/linear.weight/step"), "a rejected load changes nothing");
    }
}
