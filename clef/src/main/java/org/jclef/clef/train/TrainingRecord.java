package org.jclef.clef.train;

import java.util.List;
import java.util.Map;

/**
 * One patient of a pretraining data set, known from its header before its signals are read.
 *
 * @param id          the data set's record id (PTB-XL's ecg_id, LUDB's number, else the record name)
 * @param aliases     every name a metadata CSV may use for the record (id, record name, relative path)
 * @param fs          sampling rate in Hz
 * @param samples     samples per lead at {@code fs}
 * @param leadIndices the signals used for views, as indices into the record's leads
 * @param leadNames   their names (standard names where known), used for the real-noise row
 * @param metadata    demographics from the data set's manifest or the header comments
 * @param source      where the signals are read from
 */
public record TrainingRecord(String id, List<String> aliases, double fs, int samples, List<Integer> leadIndices,
                             List<String> leadNames, Map<String, String> metadata, RecordSource source) {

    public TrainingRecord {
        aliases = List.copyOf(aliases);
        leadIndices = List.copyOf(leadIndices);
        leadNames = List.copyOf(leadNames);
        metadata = Map.copyOf(metadata);
        if (leadIndices.isEmpty() || leadIndices.size() != leadNames.size()) {
            throw new IllegalArgumentException("record " + id + ": " + leadIndices.size() + " lead indices and "
                    + leadNames.size() + " names (expected at least one lead, one name each)");
        }
    }
}
