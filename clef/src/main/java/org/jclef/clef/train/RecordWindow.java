package org.jclef.clef.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jclef.clef.io.EcgRecord;
import org.jclef.clef.io.Lead;
import org.jclef.clef.signal.ClefRecipe;
import org.jclef.clef.signal.NanRepair;
import org.jclef.clef.signal.Resampler;

/**
 * The window a patient's two views are cut from (spec §3.1): samples [0, L) at 500 Hz of the
 * record's training leads, in millivolts. A record at another rate has each lead NaN-repaired and
 * resampled first. A record shorter than L is extended with NaN, which the views' NaN repair fills
 * with the last sample. A lead that is entirely NaN (absent in the file) is left out of the lead
 * draw; when every lead is, they are all kept and become zeros, as spec §3.3 step 1 says.
 *
 * @param leads    {@code [leads][L]} in mV, NaN where missing
 * @param names    the leads' names (for the real-noise row)
 * @param warnings what was left out or extended, for the run log
 */
record RecordWindow(double[][] leads, List<String> names, List<String> warnings) {

    static RecordWindow extract(TrainingRecord item, EcgRecord record, int length) {
        List<Lead> all = record.leads();
        List<double[]> kept = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<double[]> allLeads = new ArrayList<>();
        for (int k = 0; k < item.leadIndices().size(); k++) {
            int index = item.leadIndices().get(k);
            if (index >= all.size()) {
                throw new IllegalStateException("record " + item.id() + " (" + item.source().describe() + ") has "
                        + all.size() + " signals, its header listed at least " + (index + 1));
            }
            double[] x = toWindow(all.get(index).millivolts(), record.fs(), length);
            allLeads.add(x);
            if (allNaN(x)) {
                absent.add(item.leadNames().get(k));
            } else {
                kept.add(x);
                names.add(item.leadNames().get(k));
            }
        }
        if (kept.isEmpty()) {
            warnings.add("record " + item.id() + ": every lead is missing (all samples NaN); its views are zeros (spec §3.3)");
            return new RecordWindow(allLeads.toArray(double[][]::new), item.leadNames(), warnings);
        }
        if (!absent.isEmpty()) {
            warnings.add("record " + item.id() + ": lead(s) " + String.join(", ", absent)
                    + " hold no samples (all NaN) and are not drawn");
        }
        int valid = record.fs() == ClefRecipe.SAMPLE_RATE ? record.length()
                : (int) TrainingData.resampledLength(record.length(), record.fs());
        if (valid < length) {
            warnings.add("record " + item.id() + ": " + valid + " samples at 500 Hz, extended to " + length
                    + " by repeating the last sample");
        }
        return new RecordWindow(kept.toArray(double[][]::new), names, warnings);
    }

    /** Samples [0, length) at 500 Hz of one lead; NaN past the end of a short lead. */
    private static double[] toWindow(double[] millivolts, double fs, int length) {
        double[] x = millivolts;
        if (fs != ClefRecipe.SAMPLE_RATE) {
            x = Resampler.resample(NanRepair.repair(x), fs, ClefRecipe.SAMPLE_RATE);
        }
        int valid = Math.min(x.length, length);
        double[] out = Arrays.copyOf(x, length);
        Arrays.fill(out, valid, length, Double.NaN);
        return out;
    }

    private static boolean allNaN(double[] x) {
        for (double v : x) {
            if (!Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }
}
