package org.jclef.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jclef.autograd.Functions;
import org.jclef.autograd.Variable;
import org.jclef.nn.layers.BatchNorm1d;
import org.jclef.nn.layers.Conv1dSame;
import org.jclef.nn.layers.Dropout;
import org.jclef.nn.layers.Linear;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ModuleTest {

    /** A miniature of Net1D's nesting: own parameter, buffer-carrying child, numbered list, wrapper. */
    static final class Toy extends Module {
        final Parameter scale;
        final BatchNorm1d bn;
        final ModuleList<Conv1dSame> convs;
        final Dropout drop;

        Toy(Init init) {
            scale = registerParameter("scale", init.constant(2, 3));
            bn = registerModule("bn", new BatchNorm1d(init, 3));
            convs = registerModule("convs", new ModuleList<>(List.of(
                    new Conv1dSame(init, 3, 4, 3, 1, 1), new Conv1dSame(init, 4, 4, 3, 2, 2))));
            drop = registerModule("drop", new Dropout(init, 0.5));
        }

        @Override
        public Variable forward(Variable x) {
            return convs.forward(drop.forward(bn.forward(x)));
        }
    }

    @Test
    void namesFollowPyTorchStateDictOrder() {
        Toy toy = new Toy(Init.seeded(DType.F32, 1));
        assertEquals(List.of("scale", "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var",
                "bn.num_batches_tracked", "convs.0.conv.weight", "convs.0.conv.bias", "convs.1.conv.weight",
                "convs.1.conv.bias"), List.copyOf(toy.stateShapes().keySet()));
        assertEquals(List.of("scale", "bn.weight", "bn.bias", "convs.0.conv.weight", "convs.0.conv.bias",
                "convs.1.conv.weight", "convs.1.conv.bias"), List.copyOf(toy.namedParameters().keySet()));
        assertEquals(List.of("", "bn", "convs", "convs.0", "convs.0.conv", "convs.1", "convs.1.conv", "drop"),
                List.copyOf(toy.namedModules().keySet()));
        assertArrayEquals(new int[] {4, 2, 3}, toy.stateShapes().get("convs.1.conv.weight"));
        assertArrayEquals(new int[0], toy.stateShapes().get("bn.num_batches_tracked"));
        assertEquals(List.copyOf(toy.stateShapes().keySet()), List.copyOf(toy.stateDict().keySet()));
    }

    @Test
    void countsWithoutAllocating() {
        Toy toy = new Toy(Init.seeded(DType.F32, 1));
        assertEquals(3 + 3 + 3 + (4 * 3 * 3 + 4) + (4 * 2 * 3 + 4), toy.parameterCount());
        for (Parameter p : toy.parameters()) {
            assertFalse(p.isMaterialized(), p.toString());
        }
        toy.stateDict();
        assertTrue(toy.parameters().stream().allMatch(Parameter::isMaterialized));
    }

    @Test
    void initialValuesDoNotDependOnMaterialisationOrder() {
        Toy a = new Toy(Init.seeded(DType.F32, 9));
        Toy b = new Toy(Init.seeded(DType.F32, 9));
        List<Parameter> reversed = new ArrayList<>(b.parameters());
        Collections.reverse(reversed);
        reversed.forEach(Parameter::value);
        Map<String, Tensor> sa = a.stateDict(), sb = b.stateDict();
        for (String key : sa.keySet()) {
            assertArrayEquals(sa.get(key).toDoubleArray(), sb.get(key).toDoubleArray(), key);
        }
        Toy c = new Toy(Init.seeded(DType.F32, 10));
        assertNotEquals(sa.get("convs.0.conv.weight").getFlat(0), c.stateDict().get("convs.0.conv.weight").getFlat(0));
    }

    @Test
    void defaultInitIsUniformWithinOneOverSqrtFanIn() {
        Linear linear = new Linear(Init.seeded(DType.F64, 5), 64, 200);
        double bound = 1 / 8.0, max = 0;
        Tensor w = linear.weight().value();
        double sum = 0;
        for (int i = 0; i < w.size(); i++) {
            max = Math.max(max, Math.abs(w.getFlat(i)));
            sum += w.getFlat(i);
        }
        assertTrue(max <= bound && max > 0.99 * bound, "max |w| " + max);
        assertEquals(0, sum / w.size(), 0.01 * bound);
        Conv1dSame conv = new Conv1dSame(Init.seeded(DType.F64, 5), 8, 8, 16, 2, 2);
        double convBound = 1 / Math.sqrt(4 * 16);
        Tensor b = conv.conv().bias().value();
        for (int i = 0; i < b.size(); i++) {
            assertTrue(Math.abs(b.getFlat(i)) <= convBound);
        }
    }

    @Test
    void loadStateDictIsStrictAndAtomic() {
        Toy toy = new Toy(Init.seeded(DType.F32, 1));
        Map<String, Tensor> state = new LinkedHashMap<>();
        new Toy(Init.seeded(DType.F64, 2)).stateDict().forEach((k, v) -> state.put(k, v.copy()));
        toy.loadStateDict(state);
        assertEquals(DType.F32, toy.convs.get(0).conv().weight().value().dtype());
        assertEquals((float) state.get("convs.0.conv.weight").getFlat(5), toy.convs.get(0).conv().weight().value().getFlat(5));

        double before = toy.scale.value().getFlat(0);
        Map<String, Tensor> missing = new LinkedHashMap<>(state);
        missing.remove("bn.running_var");
        missing.put("scale", Tensor.full(DType.F32, 7, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> toy.loadStateDict(missing));
        assertTrue(e.getMessage().contains("missing key(s) [bn.running_var]"), e.getMessage());
        assertEquals(before, toy.scale.value().getFlat(0), "a rejected load must change nothing");

        Map<String, Tensor> extra = new LinkedHashMap<>(state);
        extra.put("dense.weight", Tensor.zeros(2, 2));
        e = assertThrows(IllegalArgumentException.class, () -> toy.loadStateDict(extra));
        assertTrue(e.getMessage().contains("unexpected key(s) [dense.weight]"), e.getMessage());

        Map<String, Tensor> misshaped = new LinkedHashMap<>(state);
        misshaped.put("convs.1.conv.weight", Tensor.zeros(4, 4, 3));
        e = assertThrows(IllegalArgumentException.class, () -> toy.loadStateDict(misshaped));
        assertTrue(e.getMessage().contains("'convs.1.conv.weight' has shape [4, 4, 3], expected [4, 2, 3]"), e.getMessage());
    }

    @Test
    void trainAndEvalReachEveryModule() {
        Toy toy = new Toy(Init.seeded(DType.F32, 1));
        assertTrue(toy.isTraining() && toy.drop.isTraining());
        toy.eval();
        assertFalse(toy.isTraining() || toy.bn.isTraining() || toy.drop.isTraining() || toy.convs.get(1).isTraining());
        toy.train();
        assertTrue(toy.convs.get(1).conv().isTraining());
    }

    @Test
    void zeroGradDropsGradientsAndUnusedParametersHaveNone() {
        Toy toy = new Toy(Init.seeded(DType.F64, 1));
        toy.eval();
        Variable y = toy.forward(Variable.constant(Tensor.full(DType.F64, 0.5, 2, 3, 8)));
        Functions.sum(y).backward();
        assertTrue(toy.convs.get(0).conv().weight().grad() != null);
        assertNull(toy.scale.grad(), "scale is never used by forward");
        toy.zeroGrad();
        for (Parameter p : toy.parameters()) {
            assertNull(p.grad());
        }
    }

    @Test
    void rejectsBadNames() {
        class Bad extends Module {
            Bad(String name) {
                registerParameter(name, Init.seeded(DType.F32, 0).constant(0, 1));
            }

            @Override
            public Variable forward(Variable x) {
                return x;
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new Bad("a.b"));
        assertThrows(IllegalArgumentException.class, () -> new Bad(""));
    }
}
