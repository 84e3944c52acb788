package org.jclef.tensor;

import java.util.Arrays;

/**
 * Operand validation shared by every {@link Backend}, so that all of them reject bad input with the
 * same message. Convolution, matmul and pad/narrow geometry live in {@link Conv1dGeometry},
 * {@link MatmulShape} and {@link AxisWindow}; these are the remaining checks.
 */
public final class OpChecks {
    private OpChecks() {
    }

    /** Throws unless {@code a} and {@code b} have the same shape and dtype. */
    public static void requireSameShape(String op, Tensor a, Tensor b) {
        if (!a.sameShape(b)) {
            throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a.shape()) + " and "
                    + Arrays.toString(b.shape()) + " must be equal");
        }
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": dtypes " + a.dtype() + " and " + b.dtype()
                    + " must be equal");
        }
    }

    /**
     * Checks a {@link Backend#binary} call: {@code out} has the broadcast shape of a and b and all
     * three share a dtype. Returns that shape.
     */
    public static int[] binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        int[] shape = Shapes.broadcast("binary " + op, a.shape(), b.shape());
        if (!out.hasShape(shape)) {
            throw new IllegalArgumentException("binary " + op + ": output " + Arrays.toString(out.shape())
                    + " expected the broadcast shape " + Arrays.toString(shape));
        }
        if (a.dtype() != b.dtype() || a.dtype() != out.dtype()) {
            throw new IllegalArgumentException("binary " + op + ": operands mix dtypes (" + a.dtype() + ", "
                    + b.dtype() + ", " + out.dtype() + ")");
        }
        return shape;
    }

    /**
     * Checks a {@link Backend#reduce} call and returns {@code [outer, n, inner]}: x viewed as
     * {@code [outer, n, inner]} with n the reduced axis.
     */
    public static int[] reduce(ReduceOp op, Tensor x, int axis, Tensor out) {
        int[] shape = x.shape();
        int ax = Shapes.axis(axis, shape.length);
        int[] expected = shape.clone();
        expected[ax] = 1;
        if (!out.hasShape(expected)) {
            throw new IllegalArgumentException("reduce " + op + " over axis " + axis + " of "
                    + Arrays.toString(shape) + ": output " + Arrays.toString(out.shape())
                    + " expected " + Arrays.toString(expected));
        }
        if (shape[ax] == 0 && op != ReduceOp.SUM) {
            throw new IllegalArgumentException("reduce " + op + ": axis " + axis + " of "
                    + Arrays.toString(shape) + " is empty");
        }
        if (x.dtype() != out.dtype()) {
            throw new IllegalArgumentException("reduce " + op + ": dtypes " + x.dtype() + " and "
                    + out.dtype() + " must be equal");
        }
        int outer = Shapes.size(Arrays.copyOfRange(shape, 0, ax));
        int inner = Shapes.size(Arrays.copyOfRange(shape, ax + 1, shape.length));
        return new int[] {outer, shape[ax], inner};
    }

    /** Checks a {@link Backend#addReduced} call: {@code out}'s shape broadcasts to x's. */
    public static void addReduced(Tensor x, Tensor out) {
        int[] shape = x.shape();
        int[] target = Shapes.broadcast("addReduced", out.shape(), shape);
        if (!Arrays.equals(target, shape) || out.rank() > x.rank()) {
            throw new IllegalArgumentException("addReduced: " + Arrays.toString(out.shape())
                    + " does not broadcast to " + Arrays.toString(shape));
        }
        if (x.dtype() != out.dtype()) {
            throw new IllegalArgumentException("addReduced: dtypes " + x.dtype() + " and "
                    + out.dtype() + " must be equal");
        }
    }

    /**
     * Checks a max-pool's input and output ({@code y} or {@code dy}) and returns
     * {@code [rows = N·C, L_in, L_out]}.
     */
    public static int[] pool(Tensor x, Pool1dGeometry g, Tensor y) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException("maxPool1d: expected x [N, C, L], got "
                    + Arrays.toString(x.shape()));
        }
        int lout = g.outputLength(x.dim(2));
        if (!y.hasShape(x.dim(0), x.dim(1), lout)) {
            throw new IllegalArgumentException("maxPool1d: output " + Arrays.toString(y.shape())
                    + " expected [" + x.dim(0) + ", " + x.dim(1) + ", " + lout + "] for x "
                    + Arrays.toString(x.shape()) + ", " + g);
        }
        if (x.dtype() != y.dtype()) {
            throw new IllegalArgumentException("maxPool1d: dtypes " + x.dtype() + " and " + y.dtype()
                    + " must be equal");
        }
        return new int[] {x.dim(0) * x.dim(1), x.dim(2), lout};
    }
}
