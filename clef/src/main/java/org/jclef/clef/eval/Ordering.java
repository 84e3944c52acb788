package org.jclef.clef.eval;

/** Stable index sorts on double keys (package-private helper of the rankings and the splits). */
final class Ordering {
    private Ordering() {
    }

    /**
     * Indices 0 … n−1 ordered by decreasing key; equal keys keep increasing index order. Keys must
     * not be NaN (callers check).
     */
    static int[] decreasing(double[] keys) {
        int n = keys.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] buffer = new int[n];
        mergeSort(keys, order, buffer, 0, n);
        return order;
    }

    /** Indices ordered by increasing key; equal keys keep increasing index order. */
    static int[] increasing(double[] keys) {
        double[] negated = new double[keys.length];
        for (int i = 0; i < keys.length; i++) {
            negated[i] = -keys[i];
        }
        return decreasing(negated);
    }

    private static void mergeSort(double[] keys, int[] a, int[] buffer, int from, int to) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(keys, a, buffer, from, mid);
        mergeSort(keys, a, buffer, mid, to);
        if (keys[a[mid - 1]] >= keys[a[mid]]) {
            return;
        }
        System.arraycopy(a, from, buffer, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && keys[buffer[i]] >= keys[buffer[j]])) {
                a[k] = buffer[i++];
            } else {
                a[k] = buffer[j++];
            }
        }
    }
}
