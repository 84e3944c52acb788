package org.jclef.tensor.opencl;

import java.util.ArrayList;
import java.util.List;
import org.jclef.tensor.Shapes;

/**
 * The {@link ClefKernel#meta} encodings of the rank-generic operations, with axes simplified
 * first: size-1 axes are dropped and neighbouring axes that walk memory as one are merged, so a
 * typical broadcast or reduction needs one or two axes of index arithmetic on the device whatever
 * the tensors' rank.
 */
final class IndexLayout {
    private IndexLayout() {
    }

    /**
     * {@code [rank, shape…, strideA…, strideB…]} for {@code out = a op b} broadcast to
     * {@code out}, strides in elements of a and b (0 on stretched axes).
     */
    static int[] binary(int[] a, int[] b, int[] out) {
        int[] sa = Shapes.broadcastStrides(a, out);
        int[] sb = Shapes.broadcastStrides(b, out);
        List<int[]> axes = new ArrayList<>();
        for (int d = 0; d < out.length; d++) {
            if (out[d] == 1) {
                continue;
            }
            int[] last = axes.isEmpty() ? null : axes.get(axes.size() - 1);
            if (last != null && last[1] == sa[d] * out[d] && last[2] == sb[d] * out[d]) {
                last[0] *= out[d];
                last[1] = sa[d];
                last[2] = sb[d];
            } else {
                axes.add(new int[] {out[d], sa[d], sb[d]});
            }
        }
        int rank = axes.size();
        int[] meta = new int[1 + 3 * rank];
        meta[0] = rank;
        for (int d = 0; d < rank; d++) {
            meta[1 + d] = axes.get(d)[0];
            meta[1 + rank + d] = axes.get(d)[1];
            meta[1 + 2 * rank + d] = axes.get(d)[2];
        }
        return meta;
    }

    /**
     * {@code [keptRank, keptShape…, keptStride…, reducedRank, reducedShape…, reducedStride…]} for
     * summing (or max-ing, …) the row-major tensor {@code x} down to {@code out}, whose shape
     * broadcasts to x's: an axis where out has size 1 and x does not is reduced, the others are
     * kept in order, so output element o is the row-major index over the kept axes.
     */
    static int[] reduction(int[] x, int[] out) {
        int offset = x.length - out.length;
        int[] strides = Shapes.strides(x);
        List<int[]> kept = new ArrayList<>();
        List<int[]> reduced = new ArrayList<>();
        boolean lastKept = false;
        for (int d = 0; d < x.length; d++) {
            if (x[d] == 1) {
                continue;
            }
            int outDim = d < offset ? 1 : out[d - offset];
            boolean keep = outDim == x[d];
            List<int[]> axes = keep ? kept : reduced;
            boolean merge = !axes.isEmpty() && lastKept == keep;
            if (merge) {
                int[] last = axes.get(axes.size() - 1);
                last[0] *= x[d];
                last[1] = strides[d];
            } else {
                axes.add(new int[] {x[d], strides[d]});
            }
            lastKept = keep;
        }
        int[] meta = new int[2 + 2 * kept.size() + 2 * reduced.size()];
        meta[0] = kept.size();
        for (int d = 0; d < kept.size(); d++) {
            meta[1 + d] = kept.get(d)[0];
            meta[1 + kept.size() + d] = kept.get(d)[1];
        }
        int red = 1 + 2 * kept.size();
        meta[red] = reduced.size();
        for (int d = 0; d < reduced.size(); d++) {
            meta[red + 1 + d] = reduced.get(d)[0];
            meta[red + 1 + reduced.size() + d] = reduced.get(d)[1];
        }
        return meta;
    }

    /** Number of elements folded into each output by a {@link #reduction} layout. */
    static int reducedCount(int[] meta) {
        int red = 1 + 2 * meta[0];
        long count = 1;
        for (int d = 0; d < meta[red]; d++) {
            count *= meta[red + 1 + d];
        }
        return Math.toIntExact(count);
    }
}
