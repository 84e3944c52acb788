package org.jclef.clef.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jclef.tensor.Conv1dGeometry;
import org.junit.jupiter.api.Test;

class ConvShapeTest {

    @Test
    void specRoundTripsAndFillsDefaults() {
        ConvShape issue = ConvShape.parse("n64,c128,o128,g32,k16,l1250,s1");
        assertEquals(new ConvShape(64, 128, 128, 32, 16, 1250, 1), issue);
        assertEquals(issue, ConvShape.parse(issue.toString()));
        assertEquals(new ConvShape(16, 400, 400, 1, 1, 157, 1), ConvShape.parse(" n16, c400, l157 "));
        assertEquals(new ConvShape(2, 8, 4, 1, 1, 10, 1), ConvShape.parse("l10,o4,c8,n2"));
    }

    @Test
    void flopsCountTwoPerMultiplyAdd() {
        // 64 · 128 outputs-channels · 1250 positions · 4 inputs per group · 16 taps, ×2.
        assertEquals(2.0 * 64 * 128 * 1250 * 4 * 16, Net1DLayers.ISSUE_SHAPE.forwardFlops());
        ConvShape strided = new ConvShape(1, 16, 16, 4, 16, 2500, 2);
        assertEquals(1250, strided.outLength());
        assertEquals(2.0 * 16 * 1250 * 4 * 16, strided.forwardFlops());
        assertEquals(2.0 * 3 * 7 * 5 * 11, new ConvShape(3, 5, 7, 1, 1, 11, 1).forwardFlops());
    }

    @Test
    void geometryIsNet1DsSamePadding() {
        assertEquals(new Conv1dGeometry(1, 7, 8, 32), Net1DLayers.ISSUE_SHAPE.geometry());
        assertEquals(new Conv1dGeometry(2, 7, 7, 4), new ConvShape(1, 16, 16, 4, 16, 2500, 2).geometry());
        assertEquals(new Conv1dGeometry(2, 7, 8, 16), new ConvShape(1, 64, 64, 16, 16, 313, 2).geometry());
        assertEquals(new Conv1dGeometry(1, 0, 0, 1), new ConvShape(1, 64, 32, 1, 1, 40, 1).geometry());
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> ConvShape.parse("n4,c8"));
        assertTrue(missing.getMessage().contains("'l' is missing"), missing.getMessage());
        IllegalArgumentException letter = assertThrows(IllegalArgumentException.class,
                () -> ConvShape.parse("n4,c8,l10,x3"));
        assertTrue(letter.getMessage().contains("'x3'"), letter.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> ConvShape.parse("n4,c8,l10,n2"));
        assertTrue(twice.getMessage().contains("given twice"), twice.getMessage());
        IllegalArgumentException groups = assertThrows(IllegalArgumentException.class,
                () -> ConvShape.parse("n4,c10,g4,l10"));
        assertTrue(groups.getMessage().contains("divisible"), groups.getMessage());
    }
}
