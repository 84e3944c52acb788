package org.jclef.clef.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jclef.clef.eval.Targets;
import org.jclef.clef.eval.WarningSink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelsCsvTest {
    @TempDir
    Path dir;
    private DataSource data;

    @BeforeEach
    void records() throws IOException {
        for (int i = 0; i < 12; i++) {
            TestRecords.write(dir.resolve(i < 6 ? "a" : "b/c"), String.format("r%02d", i), 300,
                    TestRecords.beats(300, 2, 60 + i, 1, 0));
        }
        data = DataSource.open(dir);
    }

    private Task read(String csv, String type, String positive) throws IOException {
        Path file = dir.resolve("labels.csv");
        Files.writeString(file, csv);
        return LabelsCsv.read(file, data, type, positive, 3, 42, WarningSink.ignoring());
    }

    private static String rows(String header, String... values) {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (int i = 0; i < values.length; i++) {
            sb.append(String.format("r%02d,%s%n", i, values[i]));
        }
        return sb.toString();
    }

    @Test
    void folderIsSearchedRecursivelyWithStemsAsIds() {
        assertEquals(DataSource.Kind.FOLDER, data.kind());
        assertEquals(12, data.entries().size());
        assertEquals("r00", data.entries().get(0).id());
        assertTrue(data.entries().get(11).header().endsWith(Path.of("b", "c", "r11.hea")));
    }

    @Test
    void typeIsInferredFromTheLabels() throws IOException {
        Task binary = read(rows("record,label", "0", "1", "0", "1", "0", "1", "0", "1", "0", "1", "0", "1"), null, null);
        assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1}, ((Targets.Binary) binary.targets()).labels());
        assertEquals(List.of("1"), binary.outputs());

        Task regression = read(rows("record,age", "31", "42.5", "50", "61", "70", "22", "33", "44", "55", "66", "77", "88"),
                null, null);
        assertEquals(42.5, ((Targets.Continuous) regression.targets()).values()[1]);
        assertEquals(List.of("age"), regression.outputs());

        Task names = read(rows("record,rhythm", "AF", "SR", "SR", "AF", "SR", "SR", "AF", "SR", "SR", "AF", "SR", "SR"),
                null, null);
        assertEquals(List.of("SR"), names.outputs());
        assertEquals(1, ((Targets.Binary) names.targets()).labels()[1]);
        Task namedPositive = read(rows("record,rhythm", "AF", "SR", "SR", "AF", "SR", "SR", "AF", "SR", "SR", "AF", "SR",
                "SR"), null, "AF");
        assertEquals(1, ((Targets.Binary) namedPositive.targets()).labels()[0]);

        Task multiclass = read(rows("record,class", "x", "y", "z", "x", "y", "z", "x", "y", "z", "x", "y", "z"), null, null);
        Targets.Multiclass m = assertInstanceOf(Targets.Multiclass.class, multiclass.targets());
        assertEquals(3, m.numClasses());
        assertEquals(List.of("x", "y", "z"), multiclass.outputs());

        Task forced = read(rows("record,grade", "0", "1", "2", "0", "1", "2", "0", "1", "2", "0", "1", "2"),
                "multiclass", null);
        assertEquals(List.of("0", "1", "2"), forced.outputs());
        assertEquals(2, ((Targets.Multiclass) forced.targets()).labels()[2]);
    }

    @Test
    void severalColumnsAreMultilabelAndCrossValidated() throws IOException {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            values.add((i % 2) + "," + (i % 3 == 0 ? 1 : 0));
        }
        Task task = read(rows("record,A,B", values.toArray(String[]::new)), null, null);
        Targets.Multilabel y = assertInstanceOf(Targets.Multilabel.class, task.targets());
        assertArrayEquals(new int[] {1, 1}, y.labels()[3]);
        assertEquals(List.of("A", "B"), task.outputs());
        TaskSplit.CrossValidation cv = assertInstanceOf(TaskSplit.CrossValidation.class, task.split());
        assertEquals(3, cv.folds());
    }

    @Test
    void emptyLabelsAreLeftOutAndReported() throws IOException {
        Path file = dir.resolve("labels.csv");
        Files.writeString(file, rows("record,label", "0", "1", "", "1", "0", "1", "0", "1", "0", "1", "0", "1"));
        List<String> warnings = new ArrayList<>();
        Task task = LabelsCsv.read(file, data, null, null, 3, 42, WarningSink.collecting(warnings));
        assertEquals(11, task.records().size());
        assertTrue(warnings.get(0).contains("1 record(s) with an empty label"), warnings.toString());
    }

    @Test
    void badFilesAreRejectedWithTheReason() {
        IOException unknown = assertThrows(IOException.class, () -> read("record,label\nr00,1\nnope,0\nr01,0\n", null, null));
        assertTrue(unknown.getMessage().contains("nope") && unknown.getMessage().contains("r00"), unknown.getMessage());
        IOException header = assertThrows(IOException.class, () -> read("id,label\nr00,1\n", null, null));
        assertTrue(header.getMessage().contains("'record'"), header.getMessage());
        IOException twice = assertThrows(IOException.class, () -> read("record,label\nr00,1\nr00,0\n", null, null));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
        IOException notBinary = assertThrows(IOException.class,
                () -> read(rows("record,label", "a", "b", "c"), "binary", null));
        assertTrue(notBinary.getMessage().contains("3 classes"), notBinary.getMessage());
        IOException multilabel = assertThrows(IOException.class, () -> read("record,A,B\nr00,1,2\nr01,0,1\nr02,1,0\n", null, null));
        assertTrue(multilabel.getMessage().contains("0 or 1"), multilabel.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read(rows("record,label", "0", "1", "0"), "ordinal", null));
    }

    @Test
    void recordListsAndMissingFolders() throws IOException {
        Path list = dir.resolve("RECORDS");
        Files.writeString(list, "# two records\na/r01\n\nb/c/r07.hea\n");
        DataSource listed = DataSource.open(list);
        assertEquals(DataSource.Kind.LIST, listed.kind());
        assertEquals(List.of("r01", "r07"), listed.entries().stream().map(e -> e.id()).toList());
        Files.writeString(list, "a/r99\n");
        IOException missing = assertThrows(IOException.class, () -> DataSource.open(list));
        assertTrue(missing.getMessage().contains("r99") && missing.getMessage().contains("line 1"), missing.getMessage());
        assertThrows(NoSuchFileException.class, () -> DataSource.open(dir.resolve("nothing")));
        assertThrows(NoSuchFileException.class, () -> DataSource.open(Files.createDirectories(dir.resolve("empty"))));
    }
}
