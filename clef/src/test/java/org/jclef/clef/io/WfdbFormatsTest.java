package org.jclef.clef.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every supported format against records packed independently by
 * {@code tools/gen_wfdb_format_fixtures.py}: same digital values, each format's extremes and
 * invalid-sample marker, 3 interleaved signals with gain 100 and baselines 0, 10, 20.
 */
class WfdbFormatsTest {

    @Test
    void decodesEveryFormatLikeTheReferencePacker() throws Exception {
        Path dir = Path.of(getClass().getResource("wfdb-formats/expected.csv").toURI()).getParent();
        List<String> lines = Files.readAllLines(dir.resolve("expected.csv"));
        int checked = 0;
        for (WfdbFormat format : WfdbFormat.values()) {
            EcgRecord r = WfdbReader.read(dir.resolve("fmt" + format.code() + ".hea"));
            assertEquals(7, r.length(), "format " + format.code());
            assertTrue(r.warnings().stream().noneMatch(w -> w.contains("checksum")),
                    "format " + format.code() + " checksum: " + r.warnings());
            for (String line : lines.subList(1, lines.size())) {
                String[] t = line.split(",");
                if (Integer.parseInt(t[0]) != format.code()) {
                    continue;
                }
                int sample = Integer.parseInt(t[1]);
                int signal = Integer.parseInt(t[2]);
                double actual = r.leads().get(signal).samples()[sample];
                if (t[3].equals("invalid")) {
                    assertTrue(Double.isNaN(actual), "format " + format.code() + " invalid marker at " + line);
                } else {
                    double expected = (Integer.parseInt(t[3]) - 10.0 * signal) / 100.0;
                    assertEquals(expected, actual, 0.0, "format " + format.code() + " at " + line);
                }
                checked++;
            }
        }
        assertEquals(WfdbFormat.values().length * 21, checked);
    }

    @Test
    void byteCountsMatchTheLayouts() {
        assertEquals(32, WfdbFormat.PACKED_212.bytesFor(21));
        assertEquals(21, WfdbFormat.PACKED_212.samplesIn(32));
        assertEquals(28, WfdbFormat.PACKED_310.bytesFor(21));
        assertEquals(30, WfdbFormat.PACKED_310.bytesFor(22));
        assertEquals(32, WfdbFormat.PACKED_311.bytesFor(22));
        assertEquals(63, WfdbFormat.INT24.bytesFor(21));
    }

    static Path resourceDir() throws URISyntaxException {
        return Path.of(WfdbFormatsTest.class.getResource("wfdb-formats/expected.csv").toURI()).getParent();
    }
}
