package org.jclef.clef.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WfdbAnnotationsTest {

    private static Map<String, Integer> counts(List<WfdbAnnotations.Annotation> list) {
        Map<String, Integer> c = new TreeMap<>();
        for (WfdbAnnotations.Annotation a : list) {
            c.merge(a.symbol(), 1, Integer::sum);
        }
        return c;
    }

    @Test
    void mitBih100HasItsPublishedBeatCounts() throws Exception {
        List<WfdbAnnotations.Annotation> a =
                WfdbAnnotations.read(SharedDataFolders.require("wfdb-samples").resolve("100.atr"));
        assertEquals(Map.of("N", 2239, "A", 33, "V", 1, "+", 1), counts(a));
        assertEquals(18, a.get(0).sample());
        assertEquals("(N", a.get(0).aux());
        assertEquals(77, a.get(1).sample());
    }

    @Test
    void ludbDelineationAndCpscRhythm() throws Exception {
        List<WfdbAnnotations.Annotation> ludb =
                WfdbAnnotations.read(SharedDataFolders.require("ludb").resolve("data/1.ii"));
        assertEquals(Map.of("(", 16, ")", 16, "N", 6, "p", 5, "t", 5), counts(ludb));
        List<WfdbAnnotations.Annotation> cpsc =
                WfdbAnnotations.read(SharedDataFolders.require("cpsc2021-samples").resolve("data_8_4.atr"));
        assertEquals("(AFIB", cpsc.get(0).aux());
        assertTrue(cpsc.stream().allMatch(x -> x.sample() < 8235));
    }

    @Test
    void truncatedFilesAreReported(@TempDir Path dir) throws Exception {
        byte[] b = Files.readAllBytes(SharedDataFolders.require("wfdb-samples").resolve("100.atr"));
        Path cut = dir.resolve("cut.atr");
        Files.write(cut, Arrays.copyOf(b, 301));
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> WfdbAnnotations.read(cut));
        assertTrue(e.getMessage().contains("cut.atr"), e.getMessage());
    }
}
