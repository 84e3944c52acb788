package org.jclef.clef.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jclef.clef.io.SharedDataFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataTest {
    @TempDir
    Path dir;

    private static TrainingData.Options options(int window) {
        return new TrainingData.Options(window, ShortRecords.SKIP, List.of());
    }

    @Test
    void folderScanFindsEveryRecordWithItsLeadsRateAndDemographics() throws IOException {
        TestRecords.writeFolder(dir.resolve("a"), 3, 600);
        double[][] leads = {TestRecords.lead(9, 0, 300, 250), TestRecords.lead(9, 1, 300, 250)};
        TestRecords.write(dir.resolve("b"), "slow", 250, List.of("II", "aVF"), leads, List.of());
        TrainingSet set = TrainingData.open(dir, options(500));
        assertEquals(4, set.size());
        assertEquals(List.of("a/p000", "a/p001", "a/p002", "b/slow"), set.records().stream().map(TrainingRecord::id).toList());
        TrainingRecord slow = set.records().get(3);
        assertEquals(250.0, slow.fs());
        assertEquals(300, slow.samples());
        assertEquals(List.of("II", "aVF"), slow.leadNames());
        assertEquals("45", set.records().get(0).metadata().get("age"));
        assertEquals("F", set.records().get(1).metadata().get("sex"));
        assertTrue(set.records().get(0).aliases().contains("p000"));
    }

    @Test
    void shortRecordsAreSkippedOrPaddedAndLogged() throws IOException {
        TestRecords.writeFolder(dir, 3, 600);
        TestRecords.write(dir, "short", 500, List.of("I"), new double[][] {TestRecords.lead(1, 0, 200, 500)}, List.of());
        TrainingSet skipped = TrainingData.open(dir, options(500));
        assertEquals(3, skipped.size());
        assertTrue(String.join("\n", skipped.notes()).contains("skipped 1 record(s) shorter than the window of 500"),
                skipped.notes().toString());
        TrainingSet padded = TrainingData.open(dir, new TrainingData.Options(500, ShortRecords.PAD, List.of()));
        assertEquals(4, padded.size());
        assertTrue(String.join("\n", padded.notes()).contains("padded 1 record(s)"), padded.notes().toString());
        assertNotEquals(skipped.fingerprint(), padded.fingerprint());
    }

    @Test
    void unreadableHeadersAndMissingLeadsAreSkippedWithTheirReason() throws IOException {
        TestRecords.writeFolder(dir, 2, 600);
        Files.writeString(dir.resolve("broken.hea"), "broken 2 five-hundred\n");
        TestRecords.write(dir, "limb", 500, List.of("I", "II"), new double[][] {TestRecords.lead(1, 0, 600, 500),
                TestRecords.lead(1, 1, 600, 500)}, List.of());
        TrainingSet set = TrainingData.open(dir, new TrainingData.Options(500, ShortRecords.SKIP, List.of("V1")));
        assertEquals(2, set.size());
        String notes = String.join("\n", set.notes());
        assertTrue(notes.contains("that cannot be read: broken"), notes);
        assertTrue(notes.contains("lacking a lead asked for with --leads V1: limb (no V1)"), notes);
        assertEquals(List.of(2), set.records().get(0).leadIndices());
    }

    @Test
    void emptyOrUnusableDataSetsFailClearly() throws IOException {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> TrainingData.open(dir, options(500)));
        assertTrue(empty.getMessage().contains("empty data set"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainingData.open(dir.resolve("absent"), options(500)));
        TestRecords.write(dir, "tiny", 500, List.of("I"), new double[][] {TestRecords.lead(1, 0, 100, 500)}, List.of());
        IllegalArgumentException unusable = assertThrows(IllegalArgumentException.class,
                () -> TrainingData.open(dir, options(500)));
        assertTrue(unusable.getMessage().contains("none of the 1 record(s)") && unusable.getMessage().contains("tiny"),
                unusable.getMessage());
    }

    @Test
    void recordListNamesRecordsRelativeToItsFolder() throws IOException {
        TestRecords.writeFolder(dir.resolve("sub"), 3, 600);
        Path list = dir.resolve("train.txt");
        Files.writeString(list, "# two of three\nsub/p002\nsub/p000.hea\n\n");
        TrainingSet set = TrainingData.open(list, options(500));
        assertEquals(List.of("sub/p002", "sub/p000"), set.records().stream().map(TrainingRecord::id).toList());
    }

    @Test
    void bundledPtbXlIsOnePatientPerRecordAt500Hz() throws IOException {
        Path ptbxl = SharedDataFolders.require("ptbxl-subset");
        TrainingSet set = TrainingData.open(ptbxl, options(5000));
        assertEquals(466, set.size());
        for (TrainingRecord r : set.records()) {
            assertEquals(500.0, r.fs());
            assertEquals(5000, r.samples());
            assertEquals(12, r.leadIndices().size());
        }
        TrainingRecord two = set.records().stream().filter(r -> r.id().equals("2")).findFirst().orElseThrow();
        assertTrue(two.aliases().containsAll(List.of("2", "00002_hr", "records500/00000/00002_hr", "00002_lr")),
                two.aliases().toString());
        assertEquals("M", two.metadata().get("sex"));
        assertEquals("19", two.metadata().get("age"));
        assertTrue(String.join("\n", set.notes()).contains("500 ECGs of 466 patients"), set.notes().toString());
        assertEquals(set.fingerprint(), TrainingData.open(ptbxl.resolve("ptbxl_database.csv"), options(5000)).fingerprint());
    }
}
