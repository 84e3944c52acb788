package org.jclef.clef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jclef.clef.io.SharedDataFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void score2PrintsFractionPercentAndModel() {
        Result r = run("score2", "--smoker", "--sex", "male", "--age", "50", "--sbp", "140", "--tc", "6.3",
                "--hdl", "1.4", "--region", "moderate");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("SCORE2 (ages 40-69)"), r.out());
        assertTrue(r.out().contains("0.0811 (8.1%)"), r.out());
        Result all = run("score2", "--sex", "male", "--age", "75", "--sbp", "160", "--tc", "5.5", "--hdl", "1.3",
                "--smoker");
        assertTrue(all.out().contains("SCORE2-OP"), all.out());
        assertTrue(all.out().contains("0.2218") && all.out().contains("0.4340"), all.out());
    }

    @Test
    void score2JsonAndMgdl() {
        Result r = run("score2", "--sex", "female", "--age", "50", "--sbp", "140", "--tc", "212.685", "--hdl",
                "50.271", "--chol-units", "mgdl", "--smoker", "--region", "low", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("{\"model\":\"SCORE2\""), r.out());
        assertTrue(r.out().contains("\"region\":\"low\",\"risk\":0.042"), r.out());
    }

    @Test
    void score2FlagsDoNotSwallowTheNextWordAndErrorsAreClear() {
        Result swallowed = run("score2", "--diabetes", "yes", "--sex", "male", "--age", "50", "--sbp", "140",
                "--tc", "5", "--hdl", "1.3");
        assertEquals(2, swallowed.code());
        assertTrue(swallowed.err().contains("'yes'"), swallowed.err());
        Result bad = run("score2", "--sex", "male", "--age", "50", "--sbp", "140", "--tc", "250", "--hdl", "1.3");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("mg/dL"), bad.err());
        Result missing = run("score2", "--sex", "male", "--age", "50");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--sbp"), missing.err());
    }

    @Test
    void recordDescribesAWfdbRecordAsTextAndJson() {
        Path hea = SharedDataFolders.require("cinc2021-samples").resolve("HR06000.hea");
        Result text = run("record", hea.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("Sampling frequency: 500 Hz"), text.out());
        assertTrue(text.out().contains("Length: 0:00:10.000 (5000 samples)"), text.out());
        assertTrue(text.out().contains("age: 59"), text.out());
        Result json = run("record", hea.toString(), "--json");
        assertEquals(0, json.code(), json.err());
        String o = json.out();
        assertTrue(o.contains("\"fs\":500,\"samples\":5000"), o);
        assertTrue(o.contains("{\"name\":\"I\",\"label\":\"I\",\"units\":\"mV\",\"min\":"), o);
        assertTrue(o.contains("\"metadata\":{\"age\":\"59\",\"sex\":\"F\",\"dx\":\"164934002,426783006\""), o);
    }

    @Test
    void recordReadsCsvWithARateAndReportsBadFiles(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("tiny.csv");
        Files.writeString(csv, "I,II\n0.5,1\n-0.5,3\n");
        Result r = run("record", csv.toString(), "--fs", "250", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"fs\":250,\"samples\":2"), r.out());
        assertTrue(r.out().contains("\"name\":\"II\",\"label\":\"II\",\"units\":\"mV\",\"min\":1,\"max\":3,\"mean\":2"),
                r.out());
        Result noRate = run("record", csv.toString());
        assertEquals(1, noRate.code());
        assertTrue(noRate.err().contains("--fs"), noRate.err());
        Result missing = run("record", dir.resolve("nothing.hea").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nothing.hea"), missing.err());
    }
}
