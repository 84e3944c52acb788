package org.jclef.tensor.simd;

import java.util.Arrays;

/**
 * A broadcast iteration space with size-1 axes dropped and neighbouring axes merged wherever every
 * operand steps through them as one axis, so that the last axis is as long as possible. For
 * {@code [N, C, L] + [C, 1]} the space becomes {@code [N, C, L]} with strides {@code (CL, L, 1)}
 * and {@code (0, 1, 0)}; for equal shapes it becomes one flat axis.
 *
 * @param dims    the merged axis sizes (at least one axis; a one-element space is {@code [1]})
 * @param strides per operand, its element stride on each merged axis (0 where it is broadcast)
 */
record Coalesced(int[] dims, int[][] strides) {

    static Coalesced of(int[] shape, int[]... operandStrides) {
        int ops = operandStrides.length;
        int[] dims = new int[Math.max(1, shape.length)];
        int[][] strides = new int[ops][dims.length];
        int rank = 0;
        for (int axis = 0; axis < shape.length; axis++) {
            if (shape[axis] == 1) {
                continue;
            }
            if (rank > 0 && mergeable(strides, rank - 1, shape[axis], operandStrides, axis)) {
                dims[rank - 1] *= shape[axis];
                for (int o = 0; o < ops; o++) {
                    strides[o][rank - 1] = operandStrides[o][axis];
                }
            } else {
                dims[rank] = shape[axis];
                for (int o = 0; o < ops; o++) {
                    strides[o][rank] = operandStrides[o][axis];
                }
                rank++;
            }
        }
        if (rank == 0) {
            dims[0] = 1;
            for (int o = 0; o < ops; o++) {
                strides[o][0] = 0;
            }
            rank = 1;
        }
        int[][] trimmed = new int[ops][];
        for (int o = 0; o < ops; o++) {
            trimmed[o] = Arrays.copyOf(strides[o], rank);
        }
        return new Coalesced(Arrays.copyOf(dims, rank), trimmed);
    }

    /** Whether merged axis {@code prev} (outer) and {@code axis} (inner) are one axis for every operand. */
    private static boolean mergeable(int[][] merged, int prev, int dim, int[][] operandStrides, int axis) {
        for (int o = 0; o < merged.length; o++) {
            if (merged[o][prev] != operandStrides[o][axis] * dim) {
                return false;
            }
        }
        return true;
    }

    int rank() {
        return dims.length;
    }

    /** Length of the last (contiguous or broadcast) axis. */
    int rowLength() {
        return dims[dims.length - 1];
    }

    /** Number of rows: the product of all axes but the last. */
    int rows() {
        int n = 1;
        for (int a = 0; a < dims.length - 1; a++) {
            n *= dims[a];
        }
        return n;
    }

    /** Operand {@code operand}'s element offset of the start of row {@code row}. */
    int rowOffset(int operand, int row) {
        int offset = 0;
        int[] s = strides[operand];
        for (int a = dims.length - 2; a >= 0; a--) {
            offset += (row % dims[a]) * s[a];
            row /= dims[a];
        }
        return offset;
    }
}
