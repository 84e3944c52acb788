package org.jclef.nn.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jclef.autograd.GradCheck;
import org.jclef.autograd.Variable;
import org.jclef.nn.Init;
import org.jclef.nn.Module;
import org.jclef.nn.Parameter;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference checks ({@link GradCheck}, float64) of every layer with respect to its input
 * and all its parameters, which are bound to the checker's leaves ({@link Parameter#bind}).
 */
class LayerGradCheckTest {
    private final SplittableRandom random = new SplittableRandom(2024);

    /** Checks {@code module} on input x with every parameter (at its initial value) as a further input. */
    private GradCheck.Result check(Module module, Tensor x) {
        List<Parameter> params = module.parameters();
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(x);
        for (Parameter p : params) {
            inputs.add(p.value().copy());
        }
        GradCheck.Result result = GradCheck.check(in -> {
            for (int i = 0; i < params.size(); i++) {
                params.get(i).bind(in.get(i + 1));
            }
            return module.forward(in.get(0));
        }, inputs);
        assertTrue(result.elements() == inputs.stream().mapToInt(Tensor::size).sum());
        return result;
    }

    private Tensor input(int... shape) {
        return Tensor.uniform(DType.F64, random, -1.5, 1.5, shape);
    }

    private static Init init() {
        return Init.seeded(DType.F64, 11);
    }

    @Test
    void conv1dSameStridedGroupedOddLength() {
        check(new Conv1dSame(init(), 4, 6, 5, 2, 2), input(2, 4, 11));
    }

    @Test
    void conv1dSameKernel16() {
        check(new Conv1dSame(init(), 2, 2, 16, 1, 1), input(1, 2, 9));
    }

    @Test
    void conv1dWithoutBias() {
        check(new Conv1d(init(), 3, 2, 3, 1, 1, false), input(2, 3, 7));
    }

    @Test
    void linear() {
        check(new Linear(init(), 5, 3), input(4, 5));
        check(new Linear(init(), 3, 2), input(2, 3, 3));
    }

    @Test
    void squeezeExcite() {
        check(new SqueezeExcite(init(), 5, 2), input(2, 5, 6));
    }

    @Test
    void maxPool1dSame() {
        // Distinct values, so no window is tied (a kink where finite differences do not apply).
        Tensor x = Tensor.zeros(DType.F64, 2, 3, 9);
        for (int i = 0; i < x.size(); i++) {
            x.setFlat(i, ((i * 37) % 54 - 27) / 10.0 + 0.05);
        }
        check(new MaxPool1dSame(2), x);
    }

    @Test
    void batchNormTrainAndEval() {
        BatchNorm1d bn = new BatchNorm1d(init(), 3);
        check(bn, input(4, 3, 5));
        check(bn, input(5, 3));
        bn.eval();
        check(bn, input(2, 3, 4));
    }

    @Test
    void globalAveragePoolAndSwish() {
        check(new GlobalAvgPool1d(), input(2, 3, 5));
        check(new Swish(), input(3, 4));
    }

    @Test
    void dropoutInTrainingIsAFixedMask() {
        // A dropout layer draws a new mask per call; a fixed-seed copy per call makes the check see one function.
        Tensor x = input(3, 8);
        GradCheck.check(in -> new Dropout(Init.seeded(DType.F64, 5), 0.3).forward(in.get(0)), List.of(x));
    }
}
