package org.jclef.clef.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    private static final Path SRC = Path.of("t.csv");

    @Test
    void parsesQuotedMultiLineCellsAndEscapedQuotes() throws Exception {
        CsvTable t = CsvTable.parse(SRC, "id,text,n\r\n1,\"a, \"\"b\"\"\nsecond line\",3\r\n\n2,,4\n");
        assertEquals(List.of("id", "text", "n"), t.header());
        assertEquals(2, t.rows().size());
        assertEquals("a, \"b\"\nsecond line", t.rows().get(0).get(1));
        assertEquals(2, t.rows().get(0).line());
        assertEquals(5, t.rows().get(1).line());
        assertEquals("", t.rows().get(1).get(1));
        assertEquals(2, t.column("N"));
    }

    @Test
    void rejectsUnclosedQuotes() {
        RecordFormatException e = assertThrows(RecordFormatException.class,
                () -> CsvTable.parse(SRC, "a,b\n1,\"open\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void readsLeadsUnitsAndMissingValues(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ecg.csv");
        Files.writeString(f, "time,lead II (uV),v1,AVF\n0,100,0.5,\n0.002,200,NaN,-0.25\n");
        EcgRecord r = CsvEcgReader.read(f, 500);
        assertEquals(List.of("II", "V1", "aVF"), r.leadNames());
        assertEquals("uV", r.requireLead("ii").units());
        assertArrayEquals(new double[] {0.1, 0.2}, r.requireLead("II").millivolts(), 1e-15);
        assertTrue(Double.isNaN(r.requireLead("V1").samples()[1]));
        assertTrue(Double.isNaN(r.requireLead("avf").samples()[0]));
        assertEquals(500.0, r.fs());
        assertEquals(2, r.length());
    }
}
