package org.jclef.tensor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixtureTest {

    @Test
    void loadsCasesParametersAndTensorsFromTheClasspath() {
        Fixture f = Fixture.load("fixtures/conv1d.safetensors");
        assertEquals("jclef-fixture-1", f.metadata().get("format"));
        assertFalse(f.cases().isEmpty());
        assertEquals(f.cases(), f.cases("conv1d"));
        Fixture.Case c = f.get("g4_cpg4_k16_s1_p7-8_L37");
        assertEquals(4, c.intParam("groups"));
        assertEquals(1, c.intParam("stride"));
        assertTrue(c.boolParam("bias"));
        assertEquals("conv1d", c.stringParam("op"));
        Tensor x = c.tensor("x");
        assertEquals(DType.F32, x.dtype());
        assertEquals(DType.F64, c.tensor("y").dtype());
        assertTrue(x.hasShape(2, 16, 37));
        assertTrue(c.has("db"));
        assertFalse(c.has("nothing"));
    }

    @Test
    void loadsFromAFilePath(@TempDir Path dir) throws Exception {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "jclef-fixture-1");
        metadata.put("only/params", "{\"op\":\"demo\",\"k\":3,\"scale\":0.5}");
        Path file = dir.resolve("demo.safetensors");
        SafeTensors.write(file, Map.of("only/v", Tensor.of(new float[] {4, 5}, 2)), metadata);

        Fixture f = Fixture.load(file.toString());
        Fixture.Case c = f.cases("demo").getFirst();
        assertEquals("only", c.name());
        assertEquals(3, c.intParam("k"));
        assertEquals(0.5, c.doubleParam("scale"));
        assertEquals(5.0, c.tensor("v").get(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.intParam("scale"));
        assertTrue(e.getMessage().contains("parameter 'scale' is 0.5, expected an int"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.intParam("absent"));
        assertTrue(e.getMessage().contains("no parameter 'absent'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.get("other"));
        assertTrue(e.getMessage().contains("no case 'other'"), e.getMessage());
    }

    @Test
    void aMissingFixtureSaysHowToMakeIt() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Fixture.load("fixtures/none.safetensors"));
        assertTrue(e.getMessage().contains("fixtures/none.safetensors"), e.getMessage());
        assertTrue(e.getMessage().contains("generate.py"), e.getMessage());
    }
}
