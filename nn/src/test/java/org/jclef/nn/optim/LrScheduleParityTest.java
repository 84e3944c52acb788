package org.jclef.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.jclef.nn.Parameter;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.io.Fixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Learning rates (and one-cycle's momentum) at every step against PyTorch's schedulers (fixture
 * lr_schedules.safetensors): CosineAnnealingWarmRestarts per epoch (CLEF's T0 10, T_mult 2) and
 * per step (fractional epochs), OneCycleLR (two-phase cosine, three-phase linear) and LinearLR.
 */
class LrScheduleParityTest {
    private static final Fixture FIXTURE = Fixture.load("fixtures/lr_schedules.safetensors");

    static List<Fixture.Case> cases() {
        List<Fixture.Case> cases = FIXTURE.cases();
        assertFalse(cases.isEmpty());
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(Fixture.Case c) {
        Adam adam = Adam.adamW(Map.of("p", Parameter.of(Tensor.zeros(DType.F64, 1))), Adam.Hyper.of(1, 0));
        Scheduler scheduler = switch (c.stringParam("op")) {
            case "cosine_restarts" -> new Scheduler(adam, new CosineWarmRestarts(c.doubleParam("base_lr"),
                    c.intParam("t0"), c.intParam("t_mult"), c.doubleParam("eta_min")), c.intParam("steps_per_epoch"));
            case "one_cycle" -> new Scheduler(adam, new OneCycle(c.doubleParam("max_lr"), c.intParam("total_steps"),
                    c.doubleParam("pct_start"), 25, 1e4, OneCycle.Anneal.valueOf(c.stringParam("anneal").toUpperCase()),
                    c.boolParam("three_phase"), true, 0.85, 0.95));
            case "linear_warmup" -> new Scheduler(adam, new LinearWarmup(LrSchedule.constant(c.doubleParam("base_lr")),
                    c.intParam("warmup"), c.doubleParam("start_factor")));
            default -> throw new IllegalArgumentException("unknown schedule in " + c);
        };
        Tensor lr = c.tensor("lr");
        Tensor momentum = c.has("momentum") ? c.tensor("momentum") : null;
        for (int i = 0; i < lr.size(); i++) {
            assertEquals(lr.getFlat(i), adam.learningRate(), 1e-12 * Math.abs(lr.getFlat(i)), c + " lr at step " + i);
            if (momentum != null) {
                assertEquals(momentum.getFlat(i), adam.momentum(), 1e-12, c + " momentum at step " + i);
            }
            if (i + 1 < lr.size()) {
                scheduler.step();
            }
        }
    }
}
