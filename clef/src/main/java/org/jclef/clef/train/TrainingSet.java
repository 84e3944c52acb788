package org.jclef.clef.train;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The records a pretraining run draws its patients from, in a fixed order (item i is
 * {@code records().get(i)}), with what was left out and why.
 *
 * @param description the data set and its layout, for the run log
 * @param records     the usable records
 * @param notes       what was skipped or changed while scanning, one line each, for the run log
 */
public record TrainingSet(String description, List<TrainingRecord> records, List<String> notes) {

    public TrainingSet {
        records = List.copyOf(records);
        notes = List.copyOf(notes);
    }

    public int size() {
        return records.size();
    }

    /**
     * A short hash of the record ids, sampling rates, lengths and leads in order: a checkpoint stores
     * it, and a resumed run refuses to continue on a different data set.
     */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (TrainingRecord r : records) {
                String line = r.id() + "|" + r.fs() + "|" + r.samples() + "|" + r.leadIndices() + "|" + r.leadNames() + "\n";
                sha.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return records.size() + ":" + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
