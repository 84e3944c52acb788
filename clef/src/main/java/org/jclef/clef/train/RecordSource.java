package org.jclef.clef.train;

import java.io.IOException;
import java.nio.file.Path;
import org.jclef.clef.io.EcgRecord;
import org.jclef.clef.io.WfdbReader;

/** Where a training record's signals are read from, each time a loader needs them. */
public interface RecordSource {

    /** Reads the record (all leads, physical units). */
    EcgRecord read() throws IOException;

    /** The file or name, for messages. */
    String describe();

    /** A WFDB record by its header. */
    static RecordSource wfdb(Path header) {
        return new RecordSource() {
            @Override
            public EcgRecord read() throws IOException {
                return WfdbReader.read(header);
            }

            @Override
            public String describe() {
                return header.toString();
            }
        };
    }
}
