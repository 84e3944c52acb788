package org.jclef.clef.io.dataset;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jclef.clef.io.EcgRecord;
import org.jclef.clef.io.WfdbReader;

/** A data set on disk: its manifest, and records loaded with the manifest's metadata and labels. */
public interface EcgDataset {
    /** Metadata key holding the labels (comma-separated) on loaded records. */
    String LABELS = "labels";

    String name();

    List<ManifestEntry> entries();

    /** Reads the entry's signals; the manifest's metadata overrides the header's, labels go to {@link #LABELS}. */
    default EcgRecord load(ManifestEntry entry) throws IOException {
        EcgRecord record = WfdbReader.read(entry.header());
        Map<String, String> extra = new HashMap<>(entry.metadata());
        extra.put(LABELS, String.join(",", entry.labels()));
        return record.withMetadata(extra);
    }
}
