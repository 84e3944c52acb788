package org.jclef.clef.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Walks every WFDB header in the bundled {@code shared/data} and reads it completely (headers,
 * signals, checksums). Skipped, with a message, when the bundle is absent. Reading all 1,270
 * records takes about two seconds.
 */
class BundledRecordsTest {

    @Test
    void everyBundledRecordLoads() throws Exception {
        Path root = SharedDataFolders.root();
        List<Path> headers;
        try (Stream<Path> files = Files.walk(root)) {
            headers = files.filter(p -> p.getFileName().toString().endsWith(".hea")).sorted().toList();
        }
        Map<String, Integer> perFolder = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Path h : headers) {
            try {
                EcgRecord r = WfdbReader.read(h);
                assertTrue(r.length() > 0 && !r.leads().isEmpty(), h + " is empty");
                assertTrue(r.warnings().isEmpty(), h + ": " + r.warnings());
                for (Lead l : r.leads()) {
                    for (double v : l.samples()) {
                        if (!Double.isFinite(v)) {
                            failures.add(h + ": non-finite sample in " + l.label());
                            break;
                        }
                    }
                }
                perFolder.merge(root.relativize(h).getName(0).toString(), 1, Integer::sum);
            } catch (Exception e) {
                failures.add(h + ": " + e);
            }
        }
        System.out.println("bundled records loaded per folder: " + perFolder);
        assertEquals(List.of(), failures);
        assertEquals(Map.of("cinc2021-samples", 50, "cpsc2021-samples", 18, "ludb", 200, "ptbxl-subset", 1000,
                "wfdb-samples", 2), perFolder);
    }
}
