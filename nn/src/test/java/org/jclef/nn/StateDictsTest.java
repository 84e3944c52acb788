package org.jclef.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.jclef.autograd.Variable;
import org.jclef.nn.layers.Linear;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDictsTest {

    @Test
    void safetensorsRoundTripIsExact(@TempDir Path dir) throws Exception {
        ModuleTest.Toy source = new ModuleTest.Toy(Init.seeded(DType.F32, 3));
        source.train();
        source.forward(Variable.constant(Tensor.uniform(DType.F32, new SplittableRandom(1), -1, 1, 4, 3, 10)));
        assertEquals(1, source.bn.numBatchesTracked());
        Path file = dir.resolve("toy.safetensors");
        StateDicts.save(file, source, Map.of("model", "toy"));

        ModuleTest.Toy target = new ModuleTest.Toy(Init.seeded(DType.F32, 4));
        StateDicts.load(file, target);
        Map<String, Tensor> a = source.stateDict(), b = target.stateDict();
        for (String key : a.keySet()) {
            assertEquals(a.get(key).dtype(), b.get(key).dtype(), key);
            assertArrayEquals(a.get(key).toDoubleArray(), b.get(key).toDoubleArray(), key);
        }
        assertEquals(1, target.bn.numBatchesTracked());
        assertEquals("toy", StateDicts.metadata(file).get("model"));
        assertEquals(a.keySet(), StateDicts.read(file).keySet());
    }

    @Test
    void loadingIntoADifferentModuleNamesTheFileAndTheKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("toy.safetensors");
        StateDicts.save(file, new ModuleTest.Toy(Init.seeded(DType.F32, 3)), Map.of());
        Linear other = new Linear(Init.seeded(DType.F32, 0), 3, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StateDicts.load(file, other));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("missing key(s) [bias, weight]"), e.getMessage());
    }
}
