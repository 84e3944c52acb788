package org.jclef.clef.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jclef.clef.loss.BatchMetadata;
import org.jclef.clef.loss.MetadataMode;
import org.jclef.clef.risk.Region;
import org.jclef.clef.risk.RiskProfile;
import org.jclef.clef.risk.Score2;
import org.jclef.clef.risk.Score2Inputs;

/**
 * The per-patient metadata of a pretraining run (spec §3.6, §4.6, §5.3): for each record of a
 * {@link TrainingSet}, a SCORE2 risk and the missing-input fraction m.
 *
 * <p>Sources, per record: the data set's own demographics (PTB-XL's age and sex, header comments)
 * and, when given, the metadata CSV's row for the record, whose values take precedence. A
 * precomputed risk is used as it is; otherwise complete inputs go through the SCORE2 / SCORE2-OP
 * calculator in the row's region or the run's default region; otherwise the risk is unknown (NaN)
 * and the loss's {@link MetadataMode} decides what that means. {@link #report} says what was found
 * and what the run does about it, in words, for the run log.
 */
public final class ClinicalMetadata {
    private static final List<String> INPUTS = List.of("sex", "age", "sbp", "total_cholesterol", "hdl", "smoker",
            "diabetes");

    private final List<PatientMetadata> patients;
    private final List<String> notes;

    private ClinicalMetadata(List<PatientMetadata> patients, List<String> notes) {
        this.patients = List.copyOf(patients);
        this.notes = List.copyOf(notes);
    }

    /**
     * Resolves every record's metadata.
     *
     * @param csv           the metadata CSV, or null
     * @param defaultRegion the SCORE2 region for rows without one, or null (then complete inputs
     *                      without a region are an error)
     * @throws IllegalArgumentException when no CSV row matches a record, or SCORE2 needs a region
     *                                  that was not given
     */
    public static ClinicalMetadata resolve(TrainingSet data, MetadataCsv csv, Region defaultRegion) {
        Map<String, MetadataCsv.Row> rows = csv == null ? Map.of() : csv.rows();
        Set<String> matchedKeys = new LinkedHashSet<>();
        List<PatientMetadata> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> withoutRow = new ArrayList<>();
        List<String> needRegion = new ArrayList<>();
        List<String> invalidDemographics = new ArrayList<>();
        int young = 0;
        for (TrainingRecord record : data.records()) {
            MetadataCsv.Row row = null;
            for (String alias : record.aliases()) {
                if (row == null && rows.containsKey(alias)) {
                    row = rows.get(alias);
                    matchedKeys.add(alias);
                }
            }
            if (csv != null && row == null) {
                withoutRow.add(record.id());
            }
            Score2Inputs own = Score2Inputs.fromMetadata(record.metadata());
            Score2Inputs inputs = row == null ? own : merge(row.inputs(), own);
            if (row != null && row.risk() != null) {
                double m = row.rateMeta() != null ? row.rateMeta() : 0.0;
                out.add(new PatientMetadata(row.risk(), m, PatientMetadata.Source.PRECOMPUTED, inputs.missing()));
                continue;
            }
            Region region = row != null && row.region() != null ? row.region() : defaultRegion;
            RiskProfile profile;
            try {
                profile = Score2.evaluate(inputs, region == null ? Region.LOW : region);
            } catch (IllegalArgumentException e) {
                invalidDemographics.add(record.id() + " (" + e.getMessage() + ")");
                inputs = row == null ? new Score2Inputs(null, null, null, null, null, null, null) : row.inputs();
                profile = Score2.evaluate(inputs, region == null ? Region.LOW : region);
            }
            Double rateMeta = row == null ? null : row.rateMeta();
            if (profile.hasRisk() && region == null) {
                needRegion.add(record.id());
            }
            if (profile.hasRisk()) {
                young += inputs.age() < 40 ? 1 : 0;
                out.add(new PatientMetadata(profile.riskOrNaN(), rateMeta != null ? rateMeta : 0.0,
                        PatientMetadata.Source.SCORE2, List.of()));
            } else {
                out.add(new PatientMetadata(Double.NaN, rateMeta != null ? rateMeta : profile.missingFraction(),
                        PatientMetadata.Source.NONE, inputs.missing()));
            }
        }
        if (!needRegion.isEmpty()) {
            throw new IllegalArgumentException("SCORE2 needs a risk region for " + needRegion.size() + " record(s) with "
                    + "complete inputs (" + TrainingData.abbreviate(needRegion) + "): pass --region "
                    + "low|moderate|high|very-high or add a region column to the metadata CSV");
        }
        if (csv != null) {
            List<String> unknown = new ArrayList<>(rows.keySet());
            unknown.removeAll(matchedKeys);
            if (matchedKeys.isEmpty()) {
                throw new IllegalArgumentException("--metadata " + csv.file() + ": none of its " + rows.size()
                        + " record keys (" + TrainingData.abbreviate(new ArrayList<>(rows.keySet())) + ") names a record"
                        + " of the data set, whose records are called e.g. " + exampleNames(data));
            }
            notes.add("metadata CSV " + csv.file() + ": " + matchedKeys.size() + " of " + rows.size()
                    + " rows match a record");
            if (!unknown.isEmpty()) {
                notes.add("WARNING: " + unknown.size() + " metadata row(s) name no record of the data set and are "
                        + "ignored: " + TrainingData.abbreviate(unknown));
            }
            if (!withoutRow.isEmpty()) {
                notes.add(withoutRow.size() + " record(s) have no metadata row (their SCORE2 inputs come from the data "
                        + "set alone): " + TrainingData.abbreviate(withoutRow));
            }
            if (!csv.ignoredColumns().isEmpty()) {
                notes.add("metadata columns not used: " + csv.ignoredColumns());
            }
        }
        if (!invalidDemographics.isEmpty()) {
            notes.add("WARNING: " + invalidDemographics.size() + " record(s) have demographics outside SCORE2's "
                    + "accepted ranges, which are treated as missing: " + TrainingData.abbreviate(invalidDemographics));
        }
        if (young > 0) {
            notes.add(young + " patient(s) are younger than 40: SCORE2 was applied outside its validated range (40-69)");
        }
        return new ClinicalMetadata(out, notes);
    }

    /** The CSV's values where present, else the data set's. */
    private static Score2Inputs merge(Score2Inputs csv, Score2Inputs own) {
        return new Score2Inputs(pick(csv.sex(), own.sex()), pick(csv.age(), own.age()), pick(csv.sbp(), own.sbp()),
                pick(csv.totalCholesterol(), own.totalCholesterol()), pick(csv.hdl(), own.hdl()),
                pick(csv.smoker(), own.smoker()), pick(csv.diabetes(), own.diabetes()));
    }

    private static <T> T pick(T first, T second) {
        return first != null ? first : second;
    }

    private static String exampleNames(TrainingSet data) {
        List<String> names = new ArrayList<>();
        for (TrainingRecord r : data.records().subList(0, Math.min(3, data.size()))) {
            names.add(String.join(" / ", r.aliases()));
        }
        return String.join("; ", names);
    }

    /** Metadata of dataset item {@code item}. */
    public PatientMetadata patient(int item) {
        return patients.get(item);
    }

    public int size() {
        return patients.size();
    }

    /** The metadata of a batch's items, in batch order, as the loss reads it. */
    public BatchMetadata batch(int[] items, MetadataMode mode) {
        double[] risk = new double[items.length];
        double[] rateMeta = new double[items.length];
        for (int p = 0; p < items.length; p++) {
            PatientMetadata m = patients.get(items[p]);
            risk[p] = m.risk();
            rateMeta[p] = m.rateMeta();
        }
        return new BatchMetadata(risk, mode == MetadataMode.MISSING_MASK ? rateMeta : null);
    }

    /**
     * What was found and what the run does with it, one line each: risk sources, the missing
     * inputs with counts, and the consequence of {@code mode} for this data.
     */
    public List<String> report(MetadataMode mode) {
        List<String> lines = new ArrayList<>(notes);
        int n = patients.size();
        Map<PatientMetadata.Source, Integer> sources = new LinkedHashMap<>();
        Map<String, Integer> missing = new LinkedHashMap<>();
        for (String input : INPUTS) {
            missing.put(input, 0);
        }
        double meanM = 0;
        for (PatientMetadata p : patients) {
            sources.merge(p.source(), 1, Integer::sum);
            for (String input : p.missingInputs()) {
                missing.merge(input, 1, Integer::sum);
            }
            meanM += p.rateMeta() / n;
        }
        int known = n - sources.getOrDefault(PatientMetadata.Source.NONE, 0);
        lines.add(String.format(Locale.ROOT, "SCORE2 risk known for %d of %d patients (%d precomputed, %d computed)",
                known, n, sources.getOrDefault(PatientMetadata.Source.PRECOMPUTED, 0),
                sources.getOrDefault(PatientMetadata.Source.SCORE2, 0)));
        if (known < n) {
            List<String> parts = new ArrayList<>();
            missing.forEach((input, count) -> {
                if (count > 0) {
                    parts.add(input + " " + count);
                }
            });
            lines.add("missing SCORE2 inputs among the " + (n - known) + " patients without a risk: "
                    + String.join(", ", parts));
        }
        if (mode == MetadataMode.RISK_ONLY) {
            lines.add("metadata mode risk (the reference behaviour, spec §4.6): a missing risk counts as 0");
            if (known == 0) {
                lines.add("=> every patient has risk 0: all risk differences are 0, so the negative weights are uniform "
                        + "and the alignment target is 0.8 off the diagonal; the CLEF loss then carries no clinical "
                        + "information (give --metadata with sbp, tc, hdl, smoker, diabetes or a risk column for "
                        + "clinically guided pretraining)");
            } else if (known < n) {
                lines.add("=> the " + (n - known) + " patients without a risk are treated as zero-risk patients");
            }
        } else {
            lines.add(String.format(Locale.ROOT, "metadata mode mask (spec §4.6 mask path): d_ij <- d_ij * exp(-m_i m_j) "
                    + "with m = fraction of the 7 SCORE2 inputs missing (or the CSV's rate_meta); mean m = %.3f; "
                    + "a missing risk still counts as 0", meanM));
            if (known == 0) {
                lines.add("=> no patient has a risk: all risk differences are 0 and the weights stay uniform; the mask "
                        + "only scales the off-diagonal dissimilarity");
            }
        }
        return lines;
    }
}
