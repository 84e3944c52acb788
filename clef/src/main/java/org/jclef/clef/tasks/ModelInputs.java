package org.jclef.clef.tasks;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.OptionalDouble;
import org.jclef.clef.api.ClefEncoder;
import org.jclef.clef.io.EcgRecord;
import org.jclef.clef.io.RecordReader;
import org.jclef.clef.io.dataset.ManifestEntry;
import org.jclef.clef.report.ProgressBar;

/** The encoder inputs of a task's records: one lead each through the {@code clef-v1} recipe. */
public final class ModelInputs {
    private ModelInputs() {
    }

    /**
     * [records][5000]: lead {@code lead} (null: II, or the only lead) of each record, preprocessed.
     *
     * @param progress where a progress bar goes, or null
     * @throws IOException naming the record that cannot be read
     */
    public static float[][] read(List<ManifestEntry> records, String lead, PrintStream progress) throws IOException {
        float[][] out = new float[records.size()][];
        try (ProgressBar bar = progress == null ? null : new ProgressBar(progress, "read", records.size())) {
            for (int i = 0; i < out.length; i++) {
                ManifestEntry e = records.get(i);
                EcgRecord record = RecordReader.read(e.header(), OptionalDouble.empty());
                try {
                    out[i] = ClefEncoder.modelInput(record, lead);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(e.header() + ": " + ex.getMessage(), ex);
                }
                if (bar != null) {
                    bar.step(null);
                }
            }
        }
        return out;
    }
}
