package org.jclef.clef.io.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jclef.clef.io.EcgRecord;
import org.jclef.clef.io.RecordFormatException;
import org.jclef.clef.io.SharedDataFolders;
import org.junit.jupiter.api.Test;

/** The bundled manifests, checked against the counts in each folder's README. */
class DatasetManifestsTest {

    private static Map<String, Integer> labelCounts(EcgDataset d) {
        Map<String, Integer> counts = new HashMap<>();
        for (ManifestEntry e : d.entries()) {
            if (e.labels().isEmpty()) {
                counts.merge("none", 1, Integer::sum);
            }
            for (String l : e.labels()) {
                counts.merge(l, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static Map<String, Integer> count(EcgDataset d, String key) {
        Map<String, Integer> counts = new HashMap<>();
        for (ManifestEntry e : d.entries()) {
            counts.merge(e.metadata().getOrDefault(key, "?"), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void ptbXlSuperclassesSexAndFolds() throws Exception {
        Path root = SharedDataFolders.require("ptbxl-subset");
        PtbXl ptb = PtbXl.open(root, PtbXl.Rate.HIGH_500);
        assertEquals(500, ptb.entries().size());
        assertEquals(Map.of("NORM", 297, "STTC", 96, "CD", 78, "MI", 73, "HYP", 40, "none", 12), labelCounts(ptb));
        assertEquals(Map.of("M", 249, "F", 251), count(ptb, "sex"));
        long withAge = ptb.entries().stream().filter(e -> e.number("age").isPresent()).count();
        assertEquals(496, withAge);
        ManifestEntry first = ptb.entries().get(0);
        assertEquals("1", first.id());
        assertEquals(Set.of("NORM"), first.labels());
        assertEquals(56, first.integer("age").getAsInt());
        assertEquals("F", first.metadata().get("sex"));
        assertEquals(3, first.integer("strat_fold").getAsInt());
        EcgRecord r = ptb.load(first);
        assertEquals(500.0, r.fs());
        assertEquals(5000, r.length());
        assertEquals("NORM", r.metadata().get(EcgDataset.LABELS));
        assertEquals("56", r.metadata().get("age"));
        PtbXl low = PtbXl.open(root, PtbXl.Rate.LOW_100);
        assertEquals(1000, low.load(low.entries().get(16)).length());
    }

    @Test
    void scpCodesParse() throws Exception {
        Map<String, Double> codes =
                PtbXl.parseScpCodes(Path.of("db.csv"), 2, "{'NORM': 100.0, 'LVOLT': 0.0, 'SR': 0.0}");
        assertEquals(Map.of("NORM", 100.0, "LVOLT", 0.0, "SR", 0.0), codes);
        assertEquals(Map.of(), PtbXl.parseScpCodes(Path.of("db.csv"), 2, "{}"));
        RecordFormatException e = assertThrows(RecordFormatException.class,
                () -> PtbXl.parseScpCodes(Path.of("db.csv"), 7, "{NORM: x}"));
        assertTrue(e.getMessage().contains("db.csv, line 7"), e.getMessage());
    }

    @Test
    void ludbDemographicsAndRhythms() throws Exception {
        Ludb ludb = Ludb.open(SharedDataFolders.require("ludb"));
        assertEquals(200, ludb.entries().size());
        assertEquals(Map.of("M", 115, "F", 85), count(ludb, "sex"));
        long af = ludb.entries().stream().filter(e -> e.labels().contains("Atrial fibrillation")).count();
        assertEquals(15, af);
        ManifestEntry first = ludb.entries().get(0);
        assertEquals("51", first.metadata().get("age"));
        assertEquals("Sinus bradycardia", first.metadata().get("rhythm"));
        assertTrue(first.labels().contains("Left ventricular hypertrophy"), first.labels().toString());
        EcgRecord r = ludb.load(ludb.entries().get(100));
        assertEquals(12, r.leads().size());
        assertTrue(r.metadata().get(EcgDataset.LABELS).contains("Atrial fibrillation"));
    }

    @Test
    void cinc2021CodesAndAbbreviations() throws Exception {
        Cinc2021 cinc = Cinc2021.open(SharedDataFolders.require("cinc2021-samples"));
        assertEquals(50, cinc.entries().size());
        assertEquals(Map.of("F", 27, "M", 23), count(cinc, "sex"));
        ManifestEntry hr = cinc.entries().stream().filter(e -> e.id().equals("HR06000")).findFirst().orElseThrow();
        assertEquals(Set.of("164934002", "426783006"), hr.labels());
        assertEquals("TAb,NSR", hr.metadata().get("dx_abbreviations"));
        long tachy = cinc.entries().stream().filter(e -> e.labels().contains("427084000")).count();
        assertEquals(23, tachy);
        assertEquals(5000, cinc.load(hr).length());
    }
}
