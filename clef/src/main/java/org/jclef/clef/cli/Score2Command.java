package org.jclef.clef.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jclef.clef.risk.Cholesterol;
import org.jclef.clef.risk.Region;
import org.jclef.clef.risk.RiskProfile;
import org.jclef.clef.risk.Score2;
import org.jclef.clef.risk.Score2Inputs;
import org.jclef.clef.risk.Sex;
import org.jclef.tensor.io.Json;

/** {@code jclef score2 ...}: the SCORE2 / SCORE2-OP 10-year cardiovascular risk. */
public final class Score2Command implements Command {

    @Override
    public String name() {
        return "score2";
    }

    @Override
    public String summary() {
        return "10-year cardiovascular risk by SCORE2 (40-69) / SCORE2-OP (70+)";
    }

    @Override
    public String usage() {
        return """
                usage: jclef score2 --sex male|female --age Y --sbp MMHG --tc CHOL --hdl CHOL
                                    [--smoker] [--diabetes] [--region low|moderate|high|very-high]
                                    [--chol-units mmol|mgdl] [--json]

                Prints the calibrated 10-year risk of fatal and non-fatal cardiovascular disease as a
                fraction and a percentage, and the model used (SCORE2 below 70, SCORE2-OP from 70; ages
                below 40 are flagged as outside the validated range). Without --region the risk is
                printed for all four risk regions.

                  --sbp         systolic blood pressure, mmHg
                  --tc, --hdl   total and HDL cholesterol, mmol/L (or mg/dL with --chol-units mgdl;
                                1 mmol/L = 38.67 mg/dL)
                  --smoker      current smoker        --diabetes   diabetes""";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        Sex sex = Sex.parse(args.required("sex"));
        double age = args.requiredNumber("age");
        double sbp = args.requiredNumber("sbp");
        double tc = args.requiredNumber("tc");
        double hdl = args.requiredNumber("hdl");
        boolean smoker = args.flag("smoker");
        boolean diabetes = args.flag("diabetes");
        String regionText = args.string("region", null);
        String units = args.string("chol-units", "mmol").toLowerCase(Locale.ROOT);
        boolean json = args.flag("json");
        args.finish();
        if (!args.positionals().isEmpty()) {
            throw new CliException("score2: unexpected argument '" + args.positionals().get(0)
                    + "' (--smoker and --diabetes are flags and take no value)");
        }
        switch (units) {
            case "mmol", "mmol/l" -> { }
            case "mgdl", "mg/dl" -> {
                tc = Cholesterol.mgPerDlToMmolPerL(tc);
                hdl = Cholesterol.mgPerDlToMmolPerL(hdl);
            }
            default -> throw new CliException("score2: --chol-units must be mmol or mgdl, got '" + units + "'");
        }
        Score2Inputs inputs = Score2Inputs.of(sex, age, sbp, tc, hdl, smoker, diabetes);
        List<Region> regions = regionText == null ? List.of(Region.values()) : List.of(Region.parse(regionText));
        List<RiskProfile> profiles = new ArrayList<>();
        for (Region r : regions) {
            profiles.add(Score2.evaluate(inputs, r));
        }
        RiskProfile first = profiles.get(0);
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("model", first.model().displayName());
            o.put("linear_predictor", first.linearPredictor());
            o.put("uncalibrated_risk", first.uncalibratedRisk());
            List<Object> risks = new ArrayList<>();
            for (RiskProfile p : profiles) {
                Map<String, Object> ro = new LinkedHashMap<>();
                ro.put("region", p.region().label());
                ro.put("risk", p.riskOrNaN());
                ro.put("percent", 100 * p.riskOrNaN());
                risks.add(ro);
            }
            o.put("risks", risks);
            o.put("flags", first.flags());
            out.println(Json.write(o, Json.Style.REPORT));
            return 0;
        }
        out.printf(Locale.ROOT, "model: %s (ages %s); linear predictor %.5f, uncalibrated risk %.4f%n",
                first.model().displayName(), first.model().ageRange(), first.linearPredictor(),
                first.uncalibratedRisk());
        for (RiskProfile p : profiles) {
            out.printf(Locale.ROOT, "10-year risk, %s-risk region: %.4f (%.1f%%)%n", p.region().label(),
                    p.riskOrNaN(), 100 * p.riskOrNaN());
        }
        for (String flag : first.flags()) {
            out.println("note: " + flag);
        }
        return 0;
    }
}
