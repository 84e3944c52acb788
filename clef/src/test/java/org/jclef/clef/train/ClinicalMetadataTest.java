package org.jclef.clef.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jclef.clef.io.RecordFormatException;
import org.jclef.clef.loss.BatchMetadata;
import org.jclef.clef.loss.MetadataMode;
import org.jclef.clef.risk.Region;
import org.jclef.clef.risk.Score2;
import org.jclef.clef.risk.Score2Inputs;
import org.jclef.clef.risk.Sex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClinicalMetadataTest {
    @TempDir
    Path dir;
    private TrainingSet data;

    @BeforeEach
    void fourRecordsWithAgeAndSex() throws IOException {
        TestRecords.writeFolder(dir.resolve("records"), 4, 600);
        data = TrainingData.open(dir.resolve("records"), new TrainingData.Options(500, ShortRecords.SKIP, List.of()));
    }

    private Path csv(String text) throws IOException {
        Path file = dir.resolve("meta.csv");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void completeInputsGoThroughScore2PrecomputedRisksAreKeptAndTheRestIsMissing() throws IOException {
        MetadataCsv csv = MetadataCsv.read(csv("""
                record,sbp,tc,hdl,smoker,diabetes,region,risk,notes
                p000,140,6.3,1.4,yes,no,,,first
                p001,130,5.5,1.3,0,0,high,,
                p002,,,,,,,0.12,
                """));
        assertEquals(List.of("notes"), csv.ignoredColumns());
        ClinicalMetadata m = ClinicalMetadata.resolve(data, csv, Region.MODERATE);
        double expected0 = Score2.risk(Score2Inputs.of(Sex.MALE, 45, 140, 6.3, 1.4, true, false), Region.MODERATE);
        double expected1 = Score2.risk(Score2Inputs.of(Sex.FEMALE, 46, 130, 5.5, 1.3, false, false), Region.HIGH);
        assertEquals(expected0, m.patient(0).risk());
        assertEquals(PatientMetadata.Source.SCORE2, m.patient(0).source());
        assertEquals(expected1, m.patient(1).risk());
        assertEquals(0.12, m.patient(2).risk());
        assertEquals(PatientMetadata.Source.PRECOMPUTED, m.patient(2).source());
        assertEquals(0.0, m.patient(2).rateMeta());
        assertTrue(Double.isNaN(m.patient(3).risk()));
        assertEquals(5.0 / 7, m.patient(3).rateMeta(), 1e-15);
        assertEquals(List.of("sbp", "total_cholesterol", "hdl", "smoker", "diabetes"), m.patient(3).missingInputs());

        BatchMetadata risk = m.batch(new int[] {3, 0}, MetadataMode.RISK_ONLY);
        assertNull(risk.rateMeta());
        assertTrue(Double.isNaN(risk.risk()[0]));
        assertEquals(expected0, risk.risk()[1]);
        BatchMetadata mask = m.batch(new int[] {3, 0}, MetadataMode.MISSING_MASK);
        assertArrayEquals(new double[] {5.0 / 7, 0.0}, mask.rateMeta());

        String report = String.join("\n", m.report(MetadataMode.RISK_ONLY));
        assertTrue(report.contains("SCORE2 risk known for 3 of 4 patients (1 precomputed, 2 computed)"), report);
        assertTrue(report.contains("4 of 4 rows match") || report.contains("3 of 3 rows match"), report);
        assertTrue(report.contains("1 record(s) have no metadata row"), report);
    }

    @Test
    void withoutAnyRiskTheReportSaysWhatIsMissingAndWhatTheRunDoes() {
        ClinicalMetadata m = ClinicalMetadata.resolve(data, null, null);
        String risk = String.join("\n", m.report(MetadataMode.RISK_ONLY));
        assertTrue(risk.contains("SCORE2 risk known for 0 of 4"), risk);
        assertTrue(risk.contains("sbp 4, total_cholesterol 4, hdl 4, smoker 4, diabetes 4"), risk);
        assertTrue(risk.contains("every patient has risk 0") && risk.contains("uniform"), risk);
        String mask = String.join("\n", m.report(MetadataMode.MISSING_MASK));
        assertTrue(mask.contains("mean m = 0.714"), mask);
    }

    @Test
    void unknownRecordIdsWarnAndNoMatchAtAllFails() throws IOException {
        MetadataCsv some = MetadataCsv.read(csv("id,risk\np000,0.1\nnobody,0.2\n"));
        String report = String.join("\n", ClinicalMetadata.resolve(data, some, null).report(MetadataMode.RISK_ONLY));
        assertTrue(report.contains("WARNING: 1 metadata row(s) name no record of the data set and are ignored: nobody"),
                report);
        MetadataCsv none = MetadataCsv.read(csv("id,risk\nx1,0.1\nx2,0.2\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClinicalMetadata.resolve(data, none, null));
        assertTrue(e.getMessage().contains("none of its 2 record keys (x1, x2)") && e.getMessage().contains("p000"),
                e.getMessage());
    }

    @Test
    void completeInputsWithoutARegionAskForOne() throws IOException {
        MetadataCsv csv = MetadataCsv.read(csv("record,sbp,tc,hdl,smoker,diabetes\np001,120,5,1.5,no,no\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClinicalMetadata.resolve(data, csv, null));
        assertTrue(e.getMessage().contains("--region"), e.getMessage());
    }

    @Test
    void unparsableOrOutOfRangeValuesNameFileLineAndColumn() throws IOException {
        assertBad("record,age\np000,abc\n", "line 2: column 'age': 'abc' is not a finite number");
        assertBad("record,smoker\np000,sometimes\n", "column 'smoker': 'sometimes' is not yes/no");
        assertBad("record,risk\np000,7.5\n", "a percentage? divide by 100");
        assertBad("record,sex\np000,x\n", "column 'sex': 'x' is not M/F");
        assertBad("record,tc\np000,240\n", "looks like mg/dL");
        assertBad("record,region\np000,mars\n", "column 'region'");
        assertBad("age,sex\n50,M\n", "no record key column");
        assertBad("record,age\np000,50\np000,51\n", "line 3: record 'p000' already has a row (line 2)");
        assertBad("record,age\n", "no rows");
    }

    private void assertBad(String text, String expected) throws IOException {
        Path file = csv(text);
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> MetadataCsv.read(file));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(file.toString()), e.getMessage());
    }
}
