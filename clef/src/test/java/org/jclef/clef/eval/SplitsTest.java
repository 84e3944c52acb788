package org.jclef.clef.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitsTest {

    @Test
    void stratifiedFoldsKeepClassRatios() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 1003;
        int[] y = new int[n];
        int[] classCounts = new int[3];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            y[i] = u < 0.1 ? 2 : u < 0.4 ? 1 : 0;
            classCounts[y[i]]++;
        }
        int k = Splits.DEFAULT_FOLDS;
        int[] ids = Splits.stratified(y, k, 42, WarningSink.ignoring());
        int[][] counts = new int[k][3];
        int[] sizes = new int[k];
        for (int i = 0; i < n; i++) {
            counts[ids[i]][y[i]]++;
            sizes[ids[i]]++;
        }
        for (int c = 0; c < 3; c++) {
            for (int f = 0; f < k; f++) {
                assertTrue(Math.abs(counts[f][c] - classCounts[c] / (double) k) < 1, "class " + c + " fold " + f);
            }
        }
        for (int f = 0; f < k; f++) {
            assertTrue(Math.abs(sizes[f] - n / (double) k) < 1);
        }
        assertArrayEquals(ids, Splits.stratified(y, k, 42, WarningSink.ignoring()), "seeded");
        assertFalse(Arrays.equals(ids, Splits.stratified(y, k, 43, WarningSink.ignoring())));
    }

    @Test
    void rareClassIsReported() {
        List<String> warnings = new ArrayList<>();
        Splits.stratified(new int[] {0, 0, 0, 0, 0, 0, 1, 1}, 3, 1, WarningSink.collecting(warnings));
        assertEquals(List.of("Splits.stratified: class 1 has 2 samples, fewer than the 3 folds"), warnings);
    }

    @Test
    void foldsPartitionTheSamples() {
        int[] ids = Splits.plain(23, 4, 9);
        List<Fold> folds = Splits.folds(ids, 4);
        boolean[] seen = new boolean[23];
        for (Fold f : folds) {
            assertEquals(23, f.train().length + f.test().length);
            for (int i : f.test()) {
                assertFalse(seen[i], "sample " + i + " in two test folds");
                seen[i] = true;
            }
            assertTrue(f.test().length == 5 || f.test().length == 6);
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
    }

    @Test
    void multilabelIterativeStratificationSpreadsEveryLabel() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 600;
        double[] prevalence = {0.4, 0.1, 0.03, 0.2, 0.01};
        int[][] y = new int[n][prevalence.length];
        int[] totals = new int[prevalence.length];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < prevalence.length; l++) {
                y[i][l] = r.nextDouble() < prevalence[l] ? 1 : 0;
                totals[l] += y[i][l];
            }
        }
        int k = 5;
        int[] ids = Splits.multilabel(y, k, 42);
        int[][] counts = new int[k][prevalence.length];
        int[] sizes = new int[k];
        for (int i = 0; i < n; i++) {
            sizes[ids[i]]++;
            for (int l = 0; l < prevalence.length; l++) {
                counts[ids[i]][l] += y[i][l];
            }
        }
        for (int f = 0; f < k; f++) {
            assertTrue(Math.abs(sizes[f] - n / k) <= 3, "fold " + f + " size " + sizes[f]);
            for (int l = 0; l < prevalence.length; l++) {
                assertTrue(Math.abs(counts[f][l] - totals[l] / (double) k) <= 2,
                        "label " + l + " (" + totals[l] + " positives) fold " + f + ": " + counts[f][l]);
            }
        }
        assertArrayEquals(ids, Splits.multilabel(y, k, 42));
    }

    @Test
    void regressionFoldsCoverTheTargetRange() {
        SplittableRandom r = new SplittableRandom(2);
        double[] t = new double[101];
        for (int i = 0; i < t.length; i++) {
            t[i] = Math.exp(r.nextGaussian());
        }
        int[] ids = Splits.regression(t, 5, 42);
        int[] order = Ordering.increasing(t);
        for (int start = 0; start + 5 <= t.length; start += 5) {
            boolean[] used = new boolean[5];
            for (int p = start; p < start + 5; p++) {
                assertFalse(used[ids[order[p]]], "each block of 5 consecutive targets fills 5 folds");
                used[ids[order[p]]] = true;
            }
        }
        int[] sizes = new int[5];
        for (int id : ids) {
            sizes[id]++;
        }
        for (int s : sizes) {
            assertTrue(s == 20 || s == 21);
        }
    }

    @Test
    void groupFoldsNeverShareAGroup() {
        SplittableRandom r = new SplittableRandom(4);
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            groups.add("patient-" + (int) Math.floor(Math.pow(r.nextDouble(), 2) * 60));
        }
        int k = 5;
        int[] ids = Splits.grouped(groups, k, 42);
        Map<String, Integer> foldOf = new HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            Integer previous = foldOf.putIfAbsent(groups.get(i), ids[i]);
            assertTrue(previous == null || previous == ids[i], groups.get(i) + " in two folds");
        }
        for (Fold f : Splits.folds(ids, k)) {
            for (int i : f.test()) {
                for (int j : f.train()) {
                    assertFalse(groups.get(i).equals(groups.get(j)), "a test group leaks into training");
                }
            }
            assertTrue(f.test().length > 60, "greedy placement balances folds: " + f.test().length);
        }
        assertArrayEquals(ids, Splits.grouped(groups, k, 42));
        assertThrows(IllegalArgumentException.class, () -> Splits.grouped(List.of(1, 1, 2, 2), 3, 1));
    }

    @Test
    void groupPartitionByFractionsOfGroups() {
        List<Integer> groups = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            for (int rec = 0; rec <= p % 3; rec++) {
                groups.add(p);
            }
        }
        int[] part = Splits.groupPartition(groups, new double[] {0.7, 0.15, 0.15}, 42);
        Map<Integer, Integer> partOf = new HashMap<>();
        int[] groupsPerPart = new int[3];
        for (int i = 0; i < groups.size(); i++) {
            Integer previous = partOf.putIfAbsent(groups.get(i), part[i]);
            if (previous == null) {
                groupsPerPart[part[i]]++;
            } else {
                assertEquals(previous, part[i], "patient " + groups.get(i) + " in two partitions");
            }
        }
        assertArrayEquals(new int[] {28, 6, 6}, groupsPerPart);
        assertThrows(IllegalArgumentException.class, () -> Splits.groupPartition(groups, new double[] {0.7, 0.2}, 1));
    }
}
