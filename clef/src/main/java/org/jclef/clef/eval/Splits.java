package org.jclef.clef.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded k-fold and group splits. Each method returns a fold id (0 … k−1, or a partition index)
 * per sample; {@link #folds} turns fold ids into train/test index sets. The same arguments and
 * seed always give the same ids.
 *
 * <ul>
 * <li>{@link #stratified}: binary and multiclass labels; every class is spread over the folds
 *     as evenly as possible (per-fold class counts differ by at most one) and fold sizes differ by
 *     at most one.</li>
 * <li>{@link #multilabel}: iterative stratification (Sechidis, Tsoumakas and Vlahavas 2011): the
 *     rarest remaining label is distributed first, each of its samples going to the fold that
 *     most lacks that label, then the fold that most lacks samples.</li>
 * <li>{@link #regression}: samples ordered by target and cut into consecutive blocks of k; each
 *     block sends one sample to every fold in a random order, so every fold sees the whole target
 *     range.</li>
 * <li>{@link #plain}: shuffled k-fold without stratification.</li>
 * <li>{@link #grouped} and {@link #groupPartition}: patient-respecting splits, no group (patient)
 *     in two folds or partitions.</li>
 * </ul>
 */
public final class Splits {
    /** The default number of folds. */
    public static final int DEFAULT_FOLDS = 5;

    private Splits() {
    }

    /**
     * Stratified fold ids for class labels.
     *
     * @param labels a class index ≥ 0 per sample
     * @param warnings told when a class has fewer samples than folds (some folds will lack it)
     */
    public static int[] stratified(int[] labels, int k, long seed, WarningSink warnings) {
        checkFolds(labels.length, k, "Splits.stratified");
        int classes = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("Splits.stratified: label of sample " + i + " is " + labels[i]
                        + ", expected a class index >= 0");
            }
            classes = Math.max(classes, labels[i] + 1);
        }
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            members.get(labels[i]).add(i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] ids = new int[labels.length];
        int position = 0;
        for (int c = 0; c < classes; c++) {
            int[] shuffled = members.get(c).stream().mapToInt(Integer::intValue).toArray();
            if (shuffled.length > 0 && shuffled.length < k) {
                warnings.warn("Splits.stratified: class " + c + " has " + shuffled.length + " samples, fewer than the "
                        + k + " folds");
            }
            shuffle(shuffled, random);
            for (int i : shuffled) {
                ids[i] = position++ % k;
            }
        }
        return ids;
    }

    /**
     * Fold ids for multilabel data by iterative stratification; samples without any positive label
     * fill the folds that most lack samples.
     *
     * @param labels [N][L], each 0 or 1
     */
    public static int[] multilabel(int[][] labels, int k, long seed) {
        int n = labels.length;
        checkFolds(n, k, "Splits.multilabel");
        int width = labels[0].length;
        List<List<Integer>> withLabel = new ArrayList<>();
        for (int l = 0; l < width; l++) {
            withLabel.add(new ArrayList<>());
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] visit = identity(n);
        shuffle(visit, random);
        int[] remaining = new int[width];
        for (int i : visit) {
            if (labels[i].length != width) {
                throw new IllegalArgumentException("Splits.multilabel: row " + i + " has " + labels[i].length
                        + " labels, expected " + width);
            }
            for (int l = 0; l < width; l++) {
                if (labels[i][l] != 0 && labels[i][l] != 1) {
                    throw new IllegalArgumentException("Splits.multilabel: label " + l + " of sample " + i + " is "
                            + labels[i][l] + ", expected 0 or 1");
                }
                if (labels[i][l] == 1) {
                    withLabel.get(l).add(i);
                    remaining[l]++;
                }
            }
        }
        double[] wantSamples = new double[k];
        double[][] wantLabel = new double[width][k];
        for (int j = 0; j < k; j++) {
            wantSamples[j] = (double) n / k;
            for (int l = 0; l < width; l++) {
                wantLabel[l][j] = (double) remaining[l] / k;
            }
        }
        int[] ids = new int[n];
        Arrays.fill(ids, -1);
        while (true) {
            int rarest = -1;
            for (int l = 0; l < width; l++) {
                if (remaining[l] > 0 && (rarest < 0 || remaining[l] < remaining[rarest])) {
                    rarest = l;
                }
            }
            if (rarest < 0) {
                break;
            }
            for (int i : withLabel.get(rarest)) {
                if (ids[i] >= 0) {
                    continue;
                }
                int fold = neediest(wantLabel[rarest], wantSamples, random);
                ids[i] = fold;
                wantSamples[fold]--;
                for (int l = 0; l < width; l++) {
                    if (labels[i][l] == 1) {
                        wantLabel[l][fold]--;
                        remaining[l]--;
                    }
                }
            }
        }
        double[] noPreference = new double[k];
        for (int i : visit) {
            if (ids[i] < 0) {
                int fold = neediest(noPreference, wantSamples, random);
                ids[i] = fold;
                wantSamples[fold]--;
            }
        }
        return ids;
    }

    /** Fold ids for a continuous target: blocks of k consecutive targets, one sample per fold. */
    public static int[] regression(double[] targets, int k, long seed) {
        checkFolds(targets.length, k, "Splits.regression");
        for (int i = 0; i < targets.length; i++) {
            if (Double.isNaN(targets[i])) {
                throw new IllegalArgumentException("Splits.regression: target of sample " + i + " is NaN");
            }
        }
        int[] order = Ordering.increasing(targets);
        SplittableRandom random = new SplittableRandom(seed);
        int[] ids = new int[targets.length];
        int[] folds = identity(k);
        for (int start = 0; start < order.length; start += k) {
            shuffle(folds, random);
            for (int p = start; p < Math.min(start + k, order.length); p++) {
                ids[order[p]] = folds[p - start];
            }
        }
        return ids;
    }

    /** Shuffled fold ids without stratification; fold sizes differ by at most one. */
    public static int[] plain(int n, int k, long seed) {
        checkFolds(n, k, "Splits.plain");
        int[] order = identity(n);
        shuffle(order, new SplittableRandom(seed));
        int[] ids = new int[n];
        for (int p = 0; p < n; p++) {
            ids[order[p]] = p % k;
        }
        return ids;
    }

    /**
     * Group k-fold: every group (e.g. patient id) lies in exactly one fold. Groups are shuffled,
     * then placed largest first, each into the fold with the fewest samples so far (lowest fold
     * on ties), which balances fold sizes as far as the group sizes allow.
     *
     * @param groups a non-null group key per sample (compared with equals)
     * @throws IllegalArgumentException when there are fewer groups than folds
     */
    public static int[] grouped(List<?> groups, int k, long seed) {
        checkFolds(groups.size(), k, "Splits.grouped");
        GroupIndex index = GroupIndex.of(groups, "Splits.grouped");
        int g = index.count();
        if (g < k) {
            throw new IllegalArgumentException("Splits.grouped: " + g + " distinct groups cannot fill " + k + " folds");
        }
        int[] order = identity(g);
        shuffle(order, new SplittableRandom(seed));
        double[] sizes = new double[g];
        for (int j = 0; j < g; j++) {
            sizes[j] = index.size(order[j]);
        }
        int[] bySize = Ordering.decreasing(sizes);
        long[] filled = new long[k];
        int[] groupFold = new int[g];
        for (int p : bySize) {
            int fold = 0;
            for (int j = 1; j < k; j++) {
                if (filled[j] < filled[fold]) {
                    fold = j;
                }
            }
            int group = order[p];
            groupFold[group] = fold;
            filled[fold] += index.size(group);
        }
        return index.spread(groupFold);
    }

    /**
     * Splits groups (e.g. patients) into partitions by fractions of the groups, e.g. {0.7, 0.15,
     * 0.15} for train/validation/test: the groups are shuffled and cut at round(cumulative fraction
     * · number of groups). Returns the partition index per sample.
     *
     * @param fractions positive, summing to 1 (within 1e-9)
     */
    public static int[] groupPartition(List<?> groups, double[] fractions, long seed) {
        double total = 0;
        for (double f : fractions) {
            if (!(f > 0)) {
                throw new IllegalArgumentException("Splits.groupPartition: fractions must be > 0, got "
                        + Arrays.toString(fractions));
            }
            total += f;
        }
        if (fractions.length == 0 || Math.abs(total - 1) > 1e-9) {
            throw new IllegalArgumentException("Splits.groupPartition: fractions must sum to 1, got "
                    + Arrays.toString(fractions));
        }
        GroupIndex index = GroupIndex.of(groups, "Splits.groupPartition");
        int g = index.count();
        int[] order = identity(g);
        shuffle(order, new SplittableRandom(seed));
        int[] groupPart = new int[g];
        double cumulative = 0;
        int start = 0;
        for (int part = 0; part < fractions.length; part++) {
            cumulative += fractions[part];
            int end = part == fractions.length - 1 ? g : (int) Math.round(cumulative * g);
            for (int p = start; p < end; p++) {
                groupPart[order[p]] = part;
            }
            start = Math.max(start, end);
        }
        return index.spread(groupPart);
    }

    /** Train/test index sets of each of the k folds given fold ids. */
    public static List<Fold> folds(int[] foldIds, int k) {
        int[] sizes = new int[k];
        for (int i = 0; i < foldIds.length; i++) {
            if (foldIds[i] < 0 || foldIds[i] >= k) {
                throw new IllegalArgumentException("Splits.folds: fold id of sample " + i + " is " + foldIds[i]
                        + ", expected 0 … " + (k - 1));
            }
            sizes[foldIds[i]]++;
        }
        List<Fold> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int[] test = new int[sizes[f]];
            int[] train = new int[foldIds.length - sizes[f]];
            int t = 0;
            int r = 0;
            for (int i = 0; i < foldIds.length; i++) {
                if (foldIds[i] == f) {
                    test[t++] = i;
                } else {
                    train[r++] = i;
                }
            }
            folds.add(new Fold(train, test));
        }
        return folds;
    }

    // ------------------------------------------------------------------ helpers

    /** Distinct groups in order of first appearance, with their members. */
    private record GroupIndex(int[] groupOf, int[] sizes) {
        static GroupIndex of(List<?> groups, String owner) {
            Map<Object, Integer> ids = new LinkedHashMap<>();
            int[] groupOf = new int[groups.size()];
            for (int i = 0; i < groups.size(); i++) {
                Object key = groups.get(i);
                if (key == null) {
                    throw new IllegalArgumentException(owner + ": group of sample " + i + " is null");
                }
                groupOf[i] = ids.computeIfAbsent(key, x -> ids.size());
            }
            int[] sizes = new int[ids.size()];
            for (int id : groupOf) {
                sizes[id]++;
            }
            return new GroupIndex(groupOf, sizes);
        }

        int count() {
            return sizes.length;
        }

        int size(int group) {
            return sizes[group];
        }

        /** Per-sample values from per-group values. */
        int[] spread(int[] perGroup) {
            int[] out = new int[groupOf.length];
            for (int i = 0; i < groupOf.length; i++) {
                out[i] = perGroup[groupOf[i]];
            }
            return out;
        }
    }

    /** The fold with the largest label demand, then the largest sample demand, random on ties. */
    private static int neediest(double[] labelDemand, double[] sampleDemand, SplittableRandom random) {
        int best = -1;
        int ties = 0;
        for (int j = 0; j < labelDemand.length; j++) {
            int cmp = best < 0 ? 1 : compare(labelDemand[j], sampleDemand[j], labelDemand[best], sampleDemand[best]);
            if (cmp > 0) {
                best = j;
                ties = 1;
            } else if (cmp == 0 && random.nextInt(++ties) == 0) {
                best = j;
            }
        }
        return best;
    }

    private static int compare(double label, double samples, double bestLabel, double bestSamples) {
        int c = Double.compare(label, bestLabel);
        return c != 0 ? c : Double.compare(samples, bestSamples);
    }

    private static void checkFolds(int n, int k, String owner) {
        if (k < 2) {
            throw new IllegalArgumentException(owner + ": need at least 2 folds, got " + k);
        }
        if (n < k) {
            throw new IllegalArgumentException(owner + ": " + n + " samples cannot fill " + k + " folds");
        }
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Fisher–Yates shuffle. */
    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
