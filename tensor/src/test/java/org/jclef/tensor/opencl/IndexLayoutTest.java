package org.jclef.tensor.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The device index encodings, simplified on the host (no OpenCL needed). */
class IndexLayoutTest {

    @Test
    void binaryMergesContiguousAxesAndKeepsBroadcastStrides() {
        // [2, 3, 4] + [4]: the first two axes merge (both operands walk them contiguously or not at all).
        assertArrayEquals(new int[] {2, 6, 4, 4, 1, 0, 1}, IndexLayout.binary(new int[] {2, 3, 4}, new int[] {4},
                new int[] {2, 3, 4}));
        // [2, 1, 4] * [3, 1]: no merge, b stretched on the first and last axes.
        assertArrayEquals(new int[] {3, 2, 3, 4, 4, 0, 1, 0, 1, 0},
                IndexLayout.binary(new int[] {2, 1, 4}, new int[] {3, 1}, new int[] {2, 3, 4}));
    }

    @Test
    void reductionSeparatesKeptFromReducedAxes() {
        // dbias: [N, C, L] summed to [1, C, 1].
        int[] bias = IndexLayout.reduction(new int[] {5, 7, 11}, new int[] {1, 7, 1});
        assertArrayEquals(new int[] {1, 7, 11, 2, 5, 11, 77, 1}, bias);
        assertEquals(55, IndexLayout.reducedCount(bias));
        // [2, 3, 4, 5] to [4, 1] (right-aligned): axes 0 and 1 reduce together, 3 reduces alone.
        int[] mixed = IndexLayout.reduction(new int[] {2, 3, 4, 5}, new int[] {4, 1});
        assertArrayEquals(new int[] {1, 4, 5, 2, 6, 5, 20, 1}, mixed);
        // Size-1 axes vanish; reducing nothing leaves one element per output.
        assertArrayEquals(new int[] {1, 6, 1, 0}, IndexLayout.reduction(new int[] {6, 1}, new int[] {6, 1}));
    }
}
