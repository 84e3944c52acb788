package org.jclef.clef.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jclef.clef.io.SharedDataFolders;
import org.jclef.clef.io.WfdbReader;
import org.junit.jupiter.api.Test;

/** Test vectors T7 and T8 (spec §11) and the calculator's handling of missing and bad inputs. */
class Score2Test {
    private static final Region[] REGIONS = {Region.LOW, Region.MODERATE, Region.HIGH, Region.VERY_HIGH};

    private static void assertProfile(Score2Inputs in, double x, double p0, double... risks) {
        for (int r = 0; r < 4; r++) {
            RiskProfile p = Score2.evaluate(in, REGIONS[r]);
            assertEquals(x, p.linearPredictor(), 5e-6, "x");
            assertEquals(p0, p.uncalibratedRisk(), 5e-5, "p0");
            assertEquals(risks[r], p.risk().getAsDouble(), 5e-5, REGIONS[r].toString());
            assertEquals(0.0, p.missingFraction());
        }
    }

    @Test
    void t7Score2Men() {
        Score2Inputs man = Score2Inputs.of(Sex.MALE, 50, 140, 6.3, 1.4, true, false);
        assertProfile(man, 0.32210, 0.0541, 0.0631, 0.0811, 0.0881, 0.1506);
        assertEquals(Score2Model.SCORE2, Score2.evaluate(man, Region.LOW).model());
    }

    @Test
    void t7Score2Women() {
        Score2Inputs woman = Score2Inputs.of(Sex.FEMALE, 50, 140, 6.3, 1.4, true, false);
        assertProfile(woman, 0.39788, 0.0332, 0.0433, 0.0523, 0.0713, 0.1413);
    }

    @Test
    void t7PublishedAbstractExample() {
        Score2Inputs man = Score2Inputs.of(Sex.MALE, 50, 140, 5.5, 1.3, true, false);
        Score2Inputs woman = Score2Inputs.of(Sex.FEMALE, 50, 140, 5.5, 1.3, true, false);
        assertEquals(0.0591, Score2.risk(man, Region.LOW), 5e-5);
        assertEquals(0.1405, Score2.risk(man, Region.VERY_HIGH), 5e-5);
        assertEquals(0.0422, Score2.risk(woman, Region.LOW), 5e-5);
        assertEquals(0.1370, Score2.risk(woman, Region.VERY_HIGH), 5e-5);
    }

    @Test
    void t8Score2OlderPersons() {
        Score2Inputs man = Score2Inputs.of(Sex.MALE, 75, 160, 5.5, 1.3, true, false);
        assertProfile(man, 0.49782, 0.3404, 0.2218, 0.2865, 0.3265, 0.4340);
        assertEquals(Score2Model.SCORE2_OP, Score2.evaluate(man, Region.HIGH).model());
    }

    @Test
    void modelFollowsAgeAndYoungAgesAreFlagged() {
        assertEquals(Score2Model.SCORE2, Score2Model.forAge(69.9));
        assertEquals(Score2Model.SCORE2_OP, Score2Model.forAge(70));
        RiskProfile young = Score2.evaluate(Score2Inputs.of(Sex.FEMALE, 35, 120, 5, 1.5, false, false),
                Region.MODERATE);
        assertTrue(young.hasRisk());
        assertEquals(1, young.flags().size());
        assertTrue(young.flags().get(0).contains("below 40"), young.flags().toString());
        assertTrue(Score2.evaluate(Score2Inputs.of(Sex.FEMALE, 45, 120, 5, 1.5, false, true), Region.LOW)
                .flags().isEmpty());
        double nonDiabetic = Score2.risk(Score2Inputs.of(Sex.MALE, 60, 130, 5, 1.2, false, false), Region.HIGH);
        double diabetic = Score2.risk(Score2Inputs.of(Sex.MALE, 60, 130, 5, 1.2, false, true), Region.HIGH);
        assertTrue(diabetic > nonDiabetic);
    }

    @Test
    void missingInputsGiveNoRiskAndTheirFraction() {
        Score2Inputs partial = new Score2Inputs(Sex.MALE, 55.0, 130.0, null, null, false, null);
        RiskProfile p = Score2.evaluate(partial, Region.LOW);
        assertFalse(p.hasRisk());
        assertTrue(Double.isNaN(p.riskOrNaN()));
        assertEquals(List.of("total_cholesterol", "hdl", "diabetes"), p.missingInputs());
        assertEquals(3 / 7.0, p.missingFraction(), 0.0);
        assertEquals(Score2Model.SCORE2, p.model());
        RiskProfile none = Score2.evaluate(new Score2Inputs(null, null, null, null, null, null, null), Region.LOW);
        assertEquals(1.0, none.missingFraction());
        assertNull(none.model());
        assertThrows(IllegalArgumentException.class, () -> Score2.risk(partial, Region.LOW));
    }

    @Test
    void rejectsOutOfRangeInputsWithAUnitHint() {
        IllegalArgumentException mgdl = assertThrows(IllegalArgumentException.class,
                () -> Score2.evaluate(Score2Inputs.of(Sex.MALE, 50, 140, 213, 1.3, false, false), Region.LOW));
        assertTrue(mgdl.getMessage().contains("mg/dL"), mgdl.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Score2.evaluate(Score2Inputs.of(Sex.MALE, -3, 140, 5, 1.3, false, false), Region.LOW));
        assertThrows(IllegalArgumentException.class,
                () -> Score2.evaluate(Score2Inputs.of(Sex.MALE, 50, 14, 5, 1.3, false, false), Region.LOW));
        assertThrows(IllegalArgumentException.class,
                () -> Score2.evaluate(Score2Inputs.of(Sex.MALE, 50, 140, 5, 5.5, false, false), Region.LOW));
        assertThrows(IllegalArgumentException.class,
                () -> Score2.evaluate(Score2Inputs.of(Sex.MALE, 50, 140, 5, 1.3, false, false), null));
        assertThrows(IllegalArgumentException.class, () -> Region.parse("medium"));
        assertEquals(Region.VERY_HIGH, Region.parse("Very-High"));
        assertEquals(Sex.FEMALE, Sex.parse("F"));
    }

    @Test
    void cholesterolConversion() {
        assertEquals(5.5, Cholesterol.mgPerDlToMmolPerL(212.685), 1e-12);
        assertEquals(212.685, Cholesterol.mmolPerLToMgPerDl(5.5), 1e-12);
        double viaMgdl = Score2.risk(Score2Inputs.of(Sex.MALE, 50, 140, Cholesterol.mgPerDlToMmolPerL(212.685),
                Cholesterol.mgPerDlToMmolPerL(50.271), true, false), Region.LOW);
        assertEquals(0.0591, viaMgdl, 5e-5);
    }

    @Test
    void inputsFromRecordMetadata() {
        Score2Inputs in = Score2Inputs.fromMetadata(Map.of("age", "62", "sex", "F", "SBP", "135",
                "tc", "5.2", "HDL", "1.6", "smoker", "no", "diabetes", "yes"));
        assertEquals(Score2Inputs.of(Sex.FEMALE, 62, 135, 5.2, 1.6, false, true), in);
        assertTrue(Score2.evaluate(in, Region.MODERATE).hasRisk());
    }

    @Test
    void ptbDiagnosticHeaderGivesFiveOfSevenInputs() throws Exception {
        var record = WfdbReader.read(SharedDataFolders.require("wfdb-samples").resolve("s0010_re.hea"));
        Score2Inputs in = Score2Inputs.fromMetadata(record.metadata());
        assertEquals(new Score2Inputs(Sex.FEMALE, 81.0, 140.0, null, null, false, true), in);
        RiskProfile p = Score2.evaluate(in, Region.LOW);
        assertEquals(Score2Model.SCORE2_OP, p.model());
        assertEquals(2 / 7.0, p.missingFraction(), 0.0);
    }
}
