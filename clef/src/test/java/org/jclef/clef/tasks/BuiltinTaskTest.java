package org.jclef.clef.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jclef.clef.demo.DemoData;
import org.jclef.clef.eval.Targets;
import org.jclef.clef.eval.WarningSink;
import org.jclef.clef.io.SharedDataFolders;
import org.jclef.clef.io.dataset.ManifestEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BuiltinTaskTest {
    private static DataSource ptbxl;

    @BeforeAll
    static void open() throws IOException {
        ptbxl = DataSource.open(DemoData.requirePtbXl());
    }

    @Test
    void demoSubsetOpensAsPtbXlAt100Hz() {
        assertEquals(DataSource.Kind.PTBXL, ptbxl.kind());
        assertEquals(240, ptbxl.entries().size());
        assertTrue(ptbxl.entries().get(0).header().toString().endsWith("records100/00000/00001_lr.hea"));
        assertEquals(ptbxl.entries().get(0), ptbxl.byName().get("00001_lr"));
        assertEquals(ptbxl.entries().get(0), ptbxl.byName().get("1"));
    }

    @Test
    void ptbXlSexUsesTheOfficialFolds() {
        Task task = BuiltinTask.PTBXL_SEX.build(ptbxl, 5, 42, WarningSink.ignoring());
        assertEquals("binary", task.type());
        assertEquals(240, task.records().size());
        assertEquals(126, Arrays.stream(((Targets.Binary) task.targets()).labels()).sum());
        TaskSplit.Fixed split = assertInstanceOf(TaskSplit.Fixed.class, task.split());
        assertEquals(192, split.indices(TaskSplit.TRAIN).length);
        assertEquals(24, split.indices(TaskSplit.VALIDATION).length);
        assertEquals(24, split.indices(TaskSplit.TEST).length);
        for (int i : split.indices(TaskSplit.TEST)) {
            assertEquals("10", task.records().get(i).metadata().get("strat_fold"));
        }
        assertEquals(List.of("female"), task.outputs());
        assertEquals("auroc", task.headlineMetric());
    }

    @Test
    void ptbXlLabelTasksLeaveOutRecordsWithoutADiagnosis() {
        Task norm = BuiltinTask.PTBXL_NORM.build(ptbxl, 5, 42, WarningSink.ignoring());
        Task superclass = BuiltinTask.PTBXL_SUPERCLASS.build(ptbxl, 5, 42, WarningSink.ignoring());
        long withLabels = ptbxl.entries().stream().filter(e -> !e.labels().isEmpty()).count();
        assertEquals(withLabels, norm.records().size());
        assertEquals(withLabels, superclass.records().size());
        int[][] y = ((Targets.Multilabel) superclass.targets()).labels();
        int[] abnormal = ((Targets.Binary) norm.targets()).labels();
        for (int i = 0; i < y.length; i++) {
            ManifestEntry e = superclass.records().get(i);
            assertEquals(e.labels().contains("MI") ? 1 : 0, y[i][1]);
            assertEquals(y[i][0] == 1 ? 0 : 1, abnormal[i], "record " + e.id());
        }
        assertEquals(BuiltinTask.SUPERCLASSES, superclass.outputs());
        assertEquals("auroc_macro", superclass.headlineMetric());
    }

    @Test
    void ptbXlFoldsCanServeAsCrossValidationFolds() {
        List<ManifestEntry> heldOut = ptbxl.entries().stream()
                .filter(e -> Integer.parseInt(e.metadata().get("strat_fold")) >= 6).toList();
        Task age = BuiltinTask.PTBXL_AGE.ptbXl(heldOut, BuiltinTask.PtbXlSplit.FOLDS_AS_CROSS_VALIDATION);
        TaskSplit.CrossValidation cv = assertInstanceOf(TaskSplit.CrossValidation.class, age.split());
        assertEquals(5, cv.folds());
        for (int i = 0; i < age.records().size(); i++) {
            assertEquals(Integer.parseInt(age.records().get(i).metadata().get("strat_fold")) - 6, cv.foldIds()[i]);
        }
        TaskSplit.Fixed round = cv.round(4);
        for (int i = 0; i < cv.foldIds().length; i++) {
            int expected = cv.foldIds()[i] == 4 ? TaskSplit.TEST : cv.foldIds()[i] == 0 ? TaskSplit.VALIDATION
                    : TaskSplit.TRAIN;
            assertEquals(expected, round.partition()[i]);
        }
        assertEquals("regression", age.type());
        assertEquals("mae", age.headlineMetric());
    }

    @Test
    void ludbTasksUseStratifiedCrossValidation() throws IOException {
        DataSource ludb = DataSource.open(SharedDataFolders.require("ludb"));
        Task af = BuiltinTask.LUDB_AF.build(ludb, 5, 42, WarningSink.ignoring());
        int[] y = ((Targets.Binary) af.targets()).labels();
        assertEquals(200, y.length);
        assertEquals(15, Arrays.stream(y).sum());
        TaskSplit.CrossValidation cv = assertInstanceOf(TaskSplit.CrossValidation.class, af.split());
        int[] positivesPerFold = new int[5];
        for (int i = 0; i < y.length; i++) {
            positivesPerFold[cv.foldIds()[i]] += y[i];
        }
        assertArrayEquals(new int[] {3, 3, 3, 3, 3}, positivesPerFold);
        assertEquals(200, BuiltinTask.LUDB_SEX.build(ludb, 5, 42, WarningSink.ignoring()).records().size());
    }

    @Test
    void aTaskRefusesDataOfAnotherDataSet(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        TestRecords.write(dir, "a", 300, TestRecords.beats(300, 2, 60, 1, 0));
        DataSource folder = DataSource.open(dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuiltinTask.PTBXL_SEX.build(folder, 5, 42, WarningSink.ignoring()));
        assertTrue(e.getMessage().contains("PTB-XL") && e.getMessage().contains("WFDB folder"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BuiltinTask.parse("ptbxl-height"));
        assertEquals(BuiltinTask.LUDB_AF, BuiltinTask.parse(" LUDB-AF "));
    }
}
