package org.jclef.clef.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WfdbHeaderParserTest {
    private static final Path SRC = Path.of("test.hea");

    @Test
    void parsesEveryFieldOfRecordAndSignalLines() throws Exception {
        String text = """
                # leading comment
                rec01 3 360/720(5) 650000 10:20:30.5 01/02/2003
                rec01.dat 212x2:3+24 200(1024)/uV 11 1024 995 -22131 0 MLII lead with spaces
                # comment between signal lines

                rec01.dat 212 1000.5 12 3
                other.dat 16
                #<age>: 51
                """;
        WfdbHeader h = WfdbHeaderParser.parse(SRC, text);
        assertEquals("rec01", h.recordName());
        assertEquals(360.0, h.fs());
        assertEquals(650000, h.samples());
        assertEquals("10:20:30.5", h.baseTime());
        assertEquals("01/02/2003", h.baseDate());
        assertEquals(List.of("leading comment", "comment between signal lines", "<age>: 51"), h.comments());
        WfdbSignalSpec s0 = h.signals().get(0);
        assertEquals(WfdbFormat.PACKED_212, s0.format());
        assertEquals(2, s0.samplesPerFrame());
        assertEquals(3, s0.skew());
        assertEquals(24, s0.byteOffset());
        assertEquals(200.0, s0.gain());
        assertTrue(s0.calibrated());
        assertEquals(1024.0, s0.baseline());
        assertEquals("uV", s0.units());
        assertEquals(11, s0.adcResolution());
        assertEquals(1024, s0.adcZero());
        assertEquals(995, s0.initialValue());
        assertEquals(-22131, s0.checksum());
        assertEquals(0, s0.blockSize());
        assertEquals("MLII lead with spaces", s0.description());
        assertEquals(3, s0.line());
        WfdbSignalSpec s1 = h.signals().get(1);
        assertEquals(1000.5, s1.gain());
        assertEquals(3.0, s1.baseline(), "baseline defaults to the ADC zero");
        assertEquals("mV", s1.units());
        assertEquals(-1, s1.byteOffset());
        assertNull(s1.checksum());
        WfdbSignalSpec s2 = h.signals().get(2);
        assertEquals(200.0, s2.gain(), "WFDB's default gain");
        assertFalse(s2.calibrated());
        assertEquals("", s2.description());
    }

    @Test
    void recordLineDefaults() throws Exception {
        WfdbHeader h = WfdbHeaderParser.parse(SRC, "r 0\n");
        assertEquals(250.0, h.fs());
        assertEquals(-1, h.samples());
        assertTrue(h.signals().isEmpty());
        assertNull(h.baseTime());
    }

    @Test
    void rejectsUnknownFormatNamingTheLine() {
        RecordFormatException e = assertThrows(RecordFormatException.class,
                () -> WfdbHeaderParser.parse(SRC, "r 1 500 10\nr.dat 999 200 16 0 0 0 0 I\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("999"), e.getMessage());
        assertTrue(e.getMessage().contains("212"), "lists the supported codes: " + e.getMessage());
    }

    @Test
    void rejectsSignalCountMismatches() {
        RecordFormatException fewer = assertThrows(RecordFormatException.class,
                () -> WfdbHeaderParser.parse(SRC, "r 2 500 10\nr.dat 16 200 16 0 0 0 0 I\n"));
        assertTrue(fewer.getMessage().contains("declares 2 signals but 1"), fewer.getMessage());
        RecordFormatException more = assertThrows(RecordFormatException.class,
                () -> WfdbHeaderParser.parse(SRC, "r 1 500 10\nr.dat 16\nr.dat 16\n"));
        assertTrue(more.getMessage().contains("line 3"), more.getMessage());
    }

    @Test
    void rejectsMalformedFields() {
        assertThrows(RecordFormatException.class, () -> WfdbHeaderParser.parse(SRC, "r x 500\n"));
        assertThrows(RecordFormatException.class, () -> WfdbHeaderParser.parse(SRC, "r 1 fast\nr.dat 16\n"));
        assertThrows(RecordFormatException.class, () -> WfdbHeaderParser.parse(SRC, "r 1 500 10\nr.dat 16 lots\n"));
        assertThrows(RecordFormatException.class, () -> WfdbHeaderParser.parse(SRC, "r 1 500 10 noon\nr.dat 16\n"));
        RecordFormatException seg = assertThrows(RecordFormatException.class,
                () -> WfdbHeaderParser.parse(SRC, "multi/3 2 360 1000\n"));
        assertTrue(seg.getMessage().contains("multi-segment"), seg.getMessage());
        assertThrows(RecordFormatException.class, () -> WfdbHeaderParser.parse(SRC, "# only a comment\n"));
    }

    @Test
    void rejectsBinaryGarbageWithItsByteOffset(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.hea");
        Files.write(f, new byte[] {'r', ' ', '1', '\n', 0x01, 0x00, 0x7f});
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> WfdbHeaderParser.parse(f));
        assertTrue(e.getMessage().contains("byte 4"), e.getMessage());
    }
}
