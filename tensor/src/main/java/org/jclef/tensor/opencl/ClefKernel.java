package org.jclef.tensor.opencl;

import com.aparapi.Kernel;

/**
 * Every OpenCL operation of jclef in one Aparapi kernel, chosen per launch by {@link #op}.
 *
 * <p><b>Why one kernel.</b> In Aparapi 3.0.2 every kernel instance has its own OpenCL context,
 * a device buffer belongs to one array field of one instance, and pointing the field at another
 * array discards the buffer. {@code execute("method")} entry points do not work either: the native
 * side always creates the OpenCL kernel named {@code run}, so the call fails and leaves the
 * instance unusable (checked on PoCL). Tensors can therefore only stay on the device between
 * operations if every operation runs in the same instance over the same array: the whole device
 * memory is one arena, {@link #mem}, each tensor is an offset into it ({@link Arena}), and
 * {@link #op} picks the operation. Operands are passed as offsets ({@link #offA} … {@link #offD})
 * and shapes as int fields or, when the rank varies, in {@link #meta}.
 *
 * <p><b>Aparapi's Java subset.</b> Everything reachable from {@link #run()} is translated to
 * OpenCL C: only primitives, arrays that are fields, private methods with one {@code return} at
 * the end, {@code float} arithmetic (no {@code double}: a {@code double} literal would demand fp64)
 * and the {@link Kernel} maths functions. No objects, no {@code switch}, no {@code .length}, and no
 * identifier that OpenCL C reserves ({@code half}, for one, is a type there).
 *
 * <p><b>Determinism.</b> No atomics: every output element is written by exactly one work-item,
 * or by lane 0 of one work-group after a fixed-shape tree reduction in local memory, so results
 * depend only on the inputs and the work-group size chosen at start-up.
 *
 * <p>Offsets below are indices into {@link #mem}; "x: [N, C, L] at offA" means the tensor's
 * element 0 is {@code mem[offA]} and the rest follow in row-major order.
 */
public final class ClefKernel extends Kernel {

    // ---------------------------------------------------------------- operation codes

    static final int COPY_IN = 1;
    static final int COPY_OUT = 2;
    static final int MARK_CANARY = 3;
    static final int UNARY = 4;
    static final int UNARY_BACKWARD = 5;
    static final int BINARY = 6;
    static final int AFFINE = 7;
    static final int POW_SCALAR = 8;
    static final int FILL = 9;
    static final int COPY = 10;
    static final int REDUCE = 11;
    static final int MATMUL = 12;
    static final int CONV_FORWARD = 13;
    static final int CONV_BACKWARD_DATA = 14;
    static final int CONV_BACKWARD_WEIGHT = 15;
    static final int POOL_FORWARD = 16;
    static final int POOL_BACKWARD = 17;
    static final int PAD_AXIS = 18;
    static final int NARROW_BACKWARD = 19;
    static final int ADAM = 20;

    // unary functions (fn)
    static final int EXP = 0;
    static final int LOG = 1;
    static final int SIGMOID = 2;
    static final int SWISH = 3;
    static final int SQRT = 4;
    static final int RELU = 5;
    static final int ABS = 6;

    // binary functions (fn)
    static final int ADD = 0;
    static final int SUB = 1;
    static final int MUL = 2;
    static final int DIV = 3;
    static final int POW = 4;
    static final int MAX = 5;
    static final int MIN = 6;

    // reductions (fn)
    static final int SUM = 0;
    static final int MEAN = 1;
    static final int REDUCE_MAX = 2;
    static final int REDUCE_MIN = 3;
    static final int LOG_SUM_EXP = 4;

    /** Arena index of the canary (see {@link Arena}); the first allocation starts after it. */
    static final int CANARY_SLOT = 0;
    /** A value no kernel computes by accident: it proves the device arena was not rebuilt from the host. */
    static final float CANARY_VALUE = -7.0e30f;
    /** Size of each local-memory scratch array: the largest work-group the runtime uses. */
    static final int LOCAL_CAPACITY = 256;
    /** Capacity of {@link #meta}. */
    static final int META_CAPACITY = 128;

    // ---------------------------------------------------------------- device buffers

    /** The arena: every device-resident tensor lives here. */
    float[] mem;
    /** Host ↔ device transfer buffer (re-pointed at a size class per transfer). */
    float[] stage;
    /** Shapes and strides of rank-generic operations. */
    int[] meta = new int[META_CAPACITY];

    @Local
    float[] localA = new float[LOCAL_CAPACITY];
    @Local
    float[] localB = new float[LOCAL_CAPACITY];

    // ---------------------------------------------------------------- launch parameters

    int op;
    int fn;
    /** Number of output elements (elementwise ops) or of output groups (reductions). */
    int count;
    int offA;
    int offB;
    int offC;
    int offD;
    /** 1: add to the output instead of overwriting it. */
    int accumulate;
    /** 1: the operation adds a per-row bias. */
    int hasBias;
    /** 1: the binary operands need the broadcast index arithmetic of {@link #meta}. */
    int broadcast;

    // matmul: c[b] = op(a[b]) · op(b[b]), op(a): [rowsM, innerK], op(b): [innerK, colsN]
    int rowsM;
    int innerK;
    int colsN;
    int aBatchStride;
    int bBatchStride;
    int transA;
    int transB;
    int tile;
    int tilesM;
    int tilesN;

    // conv1d and pool1d
    int batch;
    int inChannels;
    int inLength;
    int outChannels;
    int outLength;
    int kernelSize;
    int stride;
    int padLeft;
    int groups;
    float padValue;

    // pad / narrow along one axis: outer rows of smallRow or bigRow elements
    int inner;
    int start;
    int smallRow;
    int bigRow;

    // scalars
    float scale;
    float shift;
    float exponent;

    // adam
    float lr;
    float beta1;
    float beta2;
    float eps;
    float weightDecay;
    int decoupled;
    float correction1;
    float correction2;

    @Override
    public void run() {
        if (op == COPY_IN) {
            copyIn();
        } else if (op == COPY_OUT) {
            copyOut();
        } else if (op == MARK_CANARY) {
            markCanary();
        } else if (op == UNARY) {
            unary();
        } else if (op == UNARY_BACKWARD) {
            unaryBackward();
        } else if (op == BINARY) {
            binary();
        } else if (op == AFFINE) {
            affine();
        } else if (op == POW_SCALAR) {
            powScalar();
        } else if (op == FILL) {
            fill();
        } else if (op == COPY) {
            copy();
        } else if (op == REDUCE) {
            reduce();
        } else if (op == MATMUL) {
            matmul();
        } else if (op == CONV_FORWARD) {
            convForward();
        } else if (op == CONV_BACKWARD_DATA) {
            convBackwardData();
        } else if (op == CONV_BACKWARD_WEIGHT) {
            convBackwardWeight();
        } else if (op == POOL_FORWARD) {
            poolForward();
        } else if (op == POOL_BACKWARD) {
            poolBackward();
        } else if (op == PAD_AXIS) {
            padAxis();
        } else if (op == NARROW_BACKWARD) {
            narrowBackward();
        } else if (op == ADAM) {
            adam();
        }
    }

    // ---------------------------------------------------------------- transfers

    /** {@code mem[offA + i] = stage[i]} for i &lt; count. */
    private void copyIn() {
        int i = getGlobalId();
        if (i < count) {
            mem[offA + i] = stage[i];
        }
    }

    /** {@code stage[i] = mem[offA + i]} for i &lt; count, and {@code stage[count]} = the canary. */
    private void copyOut() {
        int i = getGlobalId();
        if (i < count) {
            stage[i] = mem[offA + i];
        } else if (i == count) {
            stage[count] = mem[CANARY_SLOT];
        }
    }

    private void markCanary() {
        if (getGlobalId() == 0) {
            mem[CANARY_SLOT] = CANARY_VALUE;
        }
    }

    // ---------------------------------------------------------------- elementwise

    /** out = fn(x); x at offA, out at offC, count elements; out may be x. */
    private void unary() {
        int i = getGlobalId();
        if (i < count) {
            mem[offC + i] = applyUnary(fn, mem[offA + i]);
        }
    }

    /** dx += dy · fn'(x, y); x at offA, y at offB, dy at offC, dx at offD. */
    private void unaryBackward() {
        int i = getGlobalId();
        if (i < count) {
            float d = derivative(fn, mem[offA + i], mem[offB + i]);
            mem[offD + i] = mem[offD + i] + mem[offC + i] * d;
        }
    }

    private float sigmoid(float v) {
        return 1f / (1f + exp(-v));
    }

    private float applyUnary(int f, float v) {
        float r = 0f;
        if (f == EXP) {
            r = exp(v);
        } else if (f == LOG) {
            r = log(v);
        } else if (f == SIGMOID) {
            r = sigmoid(v);
        } else if (f == SWISH) {
            r = v * sigmoid(v);
        } else if (f == SQRT) {
            r = sqrt(v);
        } else if (f == RELU) {
            r = v > 0f ? v : 0f;
        } else if (f == ABS) {
            r = abs(v);
        }
        return r;
    }

    private float derivative(int f, float x, float y) {
        float r = 0f;
        if (f == EXP) {
            r = y;
        } else if (f == LOG) {
            r = 1f / x;
        } else if (f == SIGMOID) {
            r = y * (1f - y);
        } else if (f == SWISH) {
            float s = sigmoid(x);
            r = s * (1f + x * (1f - s));
        } else if (f == SQRT) {
            r = 0.5f / y;
        } else if (f == RELU) {
            r = x > 0f ? 1f : 0f;
        } else if (f == ABS) {
            // sign(x), keeping 0, -0 and NaN as they are, like Math.signum
            r = x > 0f ? 1f : (x < 0f ? -1f : x);
        }
        return r;
    }

    /**
     * out = a fn b with broadcasting; a at offA, b at offB, out at offC (count elements). With
     * {@link #broadcast}, meta = [rank, shape[rank], strideA[rank], strideB[rank]] (stride 0 on
     * stretched axes); without, a and b have out's shape.
     */
    private void binary() {
        int i = getGlobalId();
        if (i < count) {
            int ia = i;
            int ib = i;
            if (broadcast == 1) {
                int rank = meta[0];
                int rest = i;
                ia = 0;
                ib = 0;
                for (int d = rank - 1; d >= 0; d--) {
                    int size = meta[1 + d];
                    int index = rest % size;
                    rest = rest / size;
                    ia += index * meta[1 + rank + d];
                    ib += index * meta[1 + 2 * rank + d];
                }
            }
            mem[offC + i] = applyBinary(fn, mem[offA + ia], mem[offB + ib]);
        }
    }

    private float applyBinary(int f, float a, float b) {
        float r = 0f;
        if (f == ADD) {
            r = a + b;
        } else if (f == SUB) {
            r = a - b;
        } else if (f == MUL) {
            r = a * b;
        } else if (f == DIV) {
            r = a / b;
        } else if (f == POW) {
            r = pow(a, b);
        } else if (f == MAX) {
            r = a >= b ? a : b;
        } else if (f == MIN) {
            r = a <= b ? a : b;
        }
        return r;
    }

    /** out = scale · x + shift; x at offA, out at offC. */
    private void affine() {
        int i = getGlobalId();
        if (i < count) {
            mem[offC + i] = scale * mem[offA + i] + shift;
        }
    }

    /** out = x^exponent; x at offA, out at offC. */
    private void powScalar() {
        int i = getGlobalId();
        if (i < count) {
            mem[offC + i] = pow(mem[offA + i], exponent);
        }
    }

    /** out = shift (the fill value); out at offC. */
    private void fill() {
        int i = getGlobalId();
        if (i < count) {
            mem[offC + i] = shift;
        }
    }

    /** out = x; x at offA, out at offC. */
    private void copy() {
        int i = getGlobalId();
        if (i < count) {
            mem[offC + i] = mem[offA + i];
        }
    }

    // ---------------------------------------------------------------- reductions

    /**
     * One work-group per output element: out[o] (=, or += with accumulate) fn over the reduced
     * elements of x. x at offA, out at offC (count outputs). meta = [keptRank, keptShape,
     * keptStride, reducedRank, reducedShape, reducedStride], strides in x's elements; output o is
     * the row-major index over the kept axes.
     */
    private void reduce() {
        int lid = getLocalId();
        int lanes = getLocalSize();
        int o = getGroupId();
        int keptRank = meta[0];
        int base = offA;
        int rest = o;
        for (int d = keptRank - 1; d >= 0; d--) {
            int size = meta[1 + d];
            base += (rest % size) * meta[1 + keptRank + d];
            rest = rest / size;
        }
        int red = 1 + 2 * keptRank;
        int reducedRank = meta[red];
        int reduced = 1;
        for (int d = 0; d < reducedRank; d++) {
            reduced *= meta[red + 1 + d];
        }
        float result = 0f;
        if (fn == SUM || fn == MEAN) {
            float sum = 0f;
            for (int r = lid; r < reduced; r += lanes) {
                sum += mem[base + reducedOffset(red, reducedRank, r)];
            }
            result = groupSum(sum, lid, lanes);
            if (fn == MEAN) {
                result = result / (float) reduced;
            }
        } else {
            int extremum = fn == REDUCE_MIN ? REDUCE_MIN : REDUCE_MAX;
            float best = extremum == REDUCE_MIN ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
            for (int r = lid; r < reduced; r += lanes) {
                best = pick(extremum, best, mem[base + reducedOffset(red, reducedRank, r)]);
            }
            float extreme = groupPick(extremum, best, lid, lanes);
            result = extreme;
            if (fn == LOG_SUM_EXP && extreme != Float.POSITIVE_INFINITY && extreme != Float.NEGATIVE_INFINITY) {
                float sum = 0f;
                for (int r = lid; r < reduced; r += lanes) {
                    sum += exp(mem[base + reducedOffset(red, reducedRank, r)] - extreme);
                }
                result = extreme + log(groupSum(sum, lid, lanes));
            }
        }
        if (lid == 0) {
            if (accumulate == 1) {
                mem[offC + o] = mem[offC + o] + result;
            } else {
                mem[offC + o] = result;
            }
        }
    }

    /** Offset in x of the r-th reduced element, from the reduced shape and strides at meta[red + 1 ...]. */
    private int reducedOffset(int red, int reducedRank, int r) {
        int offset = 0;
        int rest = r;
        for (int d = reducedRank - 1; d >= 0; d--) {
            int size = meta[red + 1 + d];
            offset += (rest % size) * meta[red + 1 + reducedRank + d];
            rest = rest / size;
        }
        return offset;
    }

    /** max or min that propagates NaN, like Math.max / Math.min. */
    private float pick(int extremum, float best, float e) {
        float r = best;
        if (e != e || best != best) {
            r = e + best;
        } else if (extremum == REDUCE_MAX) {
            r = e > best ? e : best;
        } else {
            r = e < best ? e : best;
        }
        return r;
    }

    /** Sum of every lane's value, returned to all lanes; lanes is a power of two. */
    private float groupSum(float value, int lid, int lanes) {
        localA[lid] = value;
        localBarrier();
        for (int span = lanes / 2; span > 0; span = span / 2) {
            if (lid < span) {
                localA[lid] = localA[lid] + localA[lid + span];
            }
            localBarrier();
        }
        float total = localA[0];
        localBarrier();
        return total;
    }

    /** {@link #pick} over every lane's value, returned to all lanes. */
    private float groupPick(int extremum, float value, int lid, int lanes) {
        localA[lid] = value;
        localBarrier();
        for (int span = lanes / 2; span > 0; span = span / 2) {
            if (lid < span) {
                localA[lid] = pick(extremum, localA[lid], localA[lid + span]);
            }
            localBarrier();
        }
        float best = localA[0];
        localBarrier();
        return best;
    }

    // ---------------------------------------------------------------- matmul

    /**
     * Tiled batched GEMM: c[b] (=, or +=) op(a[b]) · op(b[b]) (+ bias[i] per row with hasBias).
     * a at offA (batch stride aBatchStride, 0 = shared), b at offB (bBatchStride), c at offC
     * ([batch, rowsM, colsN]), bias at offD. One work-group of tile × tile lanes per output tile;
     * groups are numbered batch-major, then tile row, then tile column. Each step stages a
     * tile × tile block of op(a) and of op(b) in local memory.
     */
    private void matmul() {
        int ts = tile;
        int lid = getLocalId();
        int li = lid / ts;
        int lj = lid % ts;
        int g = getGroupId();
        int tilesPerBatch = tilesM * tilesN;
        int b = g / tilesPerBatch;
        int t = g % tilesPerBatch;
        int i = (t / tilesN) * ts + li;
        int j = (t % tilesN) * ts + lj;
        int aBase = offA + b * aBatchStride;
        int bBase = offB + b * bBatchStride;
        float acc = 0f;
        for (int p0 = 0; p0 < innerK; p0 += ts) {
            int pa = p0 + lj;
            float av = 0f;
            if (i < rowsM && pa < innerK) {
                av = transA == 1 ? mem[aBase + pa * rowsM + i] : mem[aBase + i * innerK + pa];
            }
            localA[lid] = av;
            int pb = p0 + li;
            float bv = 0f;
            if (pb < innerK && j < colsN) {
                bv = transB == 1 ? mem[bBase + j * innerK + pb] : mem[bBase + pb * colsN + j];
            }
            localB[lid] = bv;
            localBarrier();
            for (int q = 0; q < ts; q++) {
                acc += localA[li * ts + q] * localB[q * ts + lj];
            }
            localBarrier();
        }
        if (i < rowsM && j < colsN) {
            int c = offC + (b * rowsM + i) * colsN + j;
            float v = acc;
            if (hasBias == 1) {
                v += mem[offD + i];
            }
            if (accumulate == 1) {
                v += mem[c];
            }
            mem[c] = v;
        }
    }

    // ---------------------------------------------------------------- conv1d

    /**
     * Grouped conv1d forward, one work-item per output element.
     * x: [batch, inChannels, inLength] at offA, w: [outChannels, inChannels/groups, kernelSize] at
     * offB, bias: [outChannels] at offC (with hasBias), y: [batch, outChannels, outLength] at offD.
     */
    private void convForward() {
        int gid = getGlobalId();
        if (gid < count) {
            int t = gid % outLength;
            int rest = gid / outLength;
            int o = rest % outChannels;
            int b = rest / outChannels;
            int cinG = inChannels / groups;
            int group = o / (outChannels / groups);
            float sum = 0f;
            if (hasBias == 1) {
                sum = mem[offC + o];
            }
            int first = t * stride - padLeft;
            for (int c = 0; c < cinG; c++) {
                int xRow = offA + (b * inChannels + group * cinG + c) * inLength;
                int wRow = offB + (o * cinG + c) * kernelSize;
                for (int j = 0; j < kernelSize; j++) {
                    int pos = first + j;
                    if (pos >= 0 && pos < inLength) {
                        sum += mem[wRow + j] * mem[xRow + pos];
                    }
                }
            }
            mem[offD + gid] = sum;
        }
    }

    /**
     * dx += ∂y/∂x ᵀ · dy as a gather, one work-item per input element: every (output channel,
     * tap) whose window covers this position. dy at offA, w at offB, dx at offC.
     */
    private void convBackwardData() {
        int gid = getGlobalId();
        if (gid < count) {
            int p = gid % inLength;
            int rest = gid / inLength;
            int ci = rest % inChannels;
            int b = rest / inChannels;
            int cinG = inChannels / groups;
            int coutG = outChannels / groups;
            int group = ci / cinG;
            int c = ci % cinG;
            float sum = 0f;
            for (int oo = 0; oo < coutG; oo++) {
                int o = group * coutG + oo;
                int wRow = offB + (o * cinG + c) * kernelSize;
                int dyRow = offA + (b * outChannels + o) * outLength;
                for (int j = 0; j < kernelSize; j++) {
                    int q = p + padLeft - j;
                    if (q >= 0 && q % stride == 0 && q / stride < outLength) {
                        sum += mem[wRow + j] * mem[dyRow + q / stride];
                    }
                }
            }
            mem[offC + gid] = mem[offC + gid] + sum;
        }
    }

    /**
     * dw += Σ_{n,t} dy ⊗ x_window, one work-group per weight element (o, c, j) whose lanes split
     * the batch × time sum, then a tree reduction: the float-atomic-free form of the per-group
     * partials. dy at offA, x at offB, dw at offC.
     */
    private void convBackwardWeight() {
        int lid = getLocalId();
        int lanes = getLocalSize();
        int e = getGroupId();
        int cinG = inChannels / groups;
        int j = e % kernelSize;
        int rest = e / kernelSize;
        int c = rest % cinG;
        int o = rest / cinG;
        int group = o / (outChannels / groups);
        int total = batch * outLength;
        float acc = 0f;
        for (int r = lid; r < total; r += lanes) {
            int t = r % outLength;
            int b = r / outLength;
            int pos = t * stride + j - padLeft;
            if (pos >= 0 && pos < inLength) {
                acc += mem[offA + (b * outChannels + o) * outLength + t]
                        * mem[offB + (b * inChannels + group * cinG + c) * inLength + pos];
            }
        }
        float sum = groupSum(acc, lid, lanes);
        if (lid == 0) {
            mem[offC + e] = mem[offC + e] + sum;
        }
    }

    // ---------------------------------------------------------------- max-pool

    /**
     * Position (in its row) of the first maximum of window t, or -1 when that maximum is a padded
     * position. The row starts at rowBase; padded positions read padValue.
     */
    private int windowArgMax(int rowBase, int t) {
        float best = 0f;
        int bestPos = -1;
        for (int j = 0; j < kernelSize; j++) {
            int pos = t * stride + j - padLeft;
            int inside = pos >= 0 && pos < inLength ? 1 : 0;
            float e = padValue;
            if (inside == 1) {
                e = mem[rowBase + pos];
            }
            if (j == 0 || e > best) {
                best = e;
                bestPos = inside == 1 ? pos : -1;
            }
        }
        return bestPos;
    }

    /** y = window maxima; x: [rows, inLength] at offA, y: [rows, outLength] at offC. */
    private void poolForward() {
        int gid = getGlobalId();
        if (gid < count) {
            int t = gid % outLength;
            int row = gid / outLength;
            int rowBase = offA + row * inLength;
            float best = 0f;
            for (int j = 0; j < kernelSize; j++) {
                int pos = t * stride + j - padLeft;
                float e = padValue;
                if (pos >= 0 && pos < inLength) {
                    e = mem[rowBase + pos];
                }
                if (j == 0 || e > best) {
                    best = e;
                }
            }
            mem[offC + gid] = best;
        }
    }

    /**
     * dx += dy routed to each window's arg-max, gathered per input element from the windows that
     * cover it. x at offA, dy at offB, dx at offC ([rows, inLength]).
     */
    private void poolBackward() {
        int gid = getGlobalId();
        if (gid < count) {
            int p = gid % inLength;
            int row = gid / inLength;
            int rowBase = offA + row * inLength;
            float sum = 0f;
            for (int j = 0; j < kernelSize; j++) {
                int q = p + padLeft - j;
                if (q >= 0 && q % stride == 0 && q / stride < outLength) {
                    if (windowArgMax(rowBase, q / stride) == p) {
                        sum += mem[offB + row * outLength + q / stride];
                    }
                }
            }
            mem[offC + gid] = mem[offC + gid] + sum;
        }
    }

    // ---------------------------------------------------------------- layout

    /** out = x placed at start along one axis of zeros; x at offA, out at offC (count elements). */
    private void padAxis() {
        int gid = getGlobalId();
        if (gid < count) {
            int o = gid / bigRow;
            int s = gid % bigRow - start * inner;
            float v = 0f;
            if (s >= 0 && s < smallRow) {
                v = mem[offA + o * smallRow + s];
            }
            mem[offC + gid] = v;
        }
    }

    /** dx += dOut narrowed back; dOut at offA, dx at offC (count elements). */
    private void narrowBackward() {
        int gid = getGlobalId();
        if (gid < count) {
            int o = gid / smallRow;
            int s = gid % smallRow;
            mem[offC + gid] = mem[offC + gid] + mem[offA + o * bigRow + start * inner + s];
        }
    }

    // ---------------------------------------------------------------- optimiser

    /** One Adam/AdamW step; param at offA, grad at offB, m at offC, v at offD. */
    private void adam() {
        int i = getGlobalId();
        if (i < count) {
            float p = mem[offA + i];
            float g = mem[offB + i];
            if (decoupled == 1) {
                p = p - lr * weightDecay * p;
            } else {
                g = g + weightDecay * p;
            }
            float m = beta1 * mem[offC + i] + (1f - beta1) * g;
            float v = beta2 * mem[offD + i] + (1f - beta2) * g * g;
            float mHat = m / correction1;
            float vHat = v / correction2;
            mem[offA + i] = p - lr * mHat / (sqrt(vHat) + eps);
            mem[offC + i] = m;
            mem[offD + i] = v;
        }
    }
}
