package org.jclef.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jclef.tensor.Backend;
import org.jclef.tensor.Backends;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The line protocol bench/vs_torch.py speaks. */
class WorkloadServerTest {
    private Backend previous;

    @BeforeEach
    void rememberBackend() {
        previous = Backends.current();
    }

    @AfterEach
    void restoreBackend() {
        Backends.use(previous, "test restore");
    }

    private static List<String> session(String... commands) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        WorkloadServer.create().serve(new BufferedReader(new StringReader(String.join("\n", commands))), out);
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void loadsWarmsUpAndTimesEachRun() throws IOException {
        List<String> answers = session("info", "load conv-forward shape=n2,c8,o4,l16 threads=1", "warmup 0", "run 3",
                "load embed model=small threads=2", "run 1", "quit", "run 1");
        assertEquals(6, answers.size(), "nothing after quit: " + answers);
        assertTrue(answers.get(0).startsWith("ok JDK="), answers.get(0));
        assertTrue(answers.get(1).startsWith("ok 2.048000e+03 conv1d forward n2,c8,o4,g1,k1,l16,s1"), answers.get(1));
        String[] times = answers.get(3).substring(3).split(" ");
        assertEquals(3, times.length, answers.get(3));
        for (String t : times) {
            assertTrue(Double.parseDouble(t) > 0, answers.get(3));
        }
        assertTrue(answers.get(4).contains("embed small: 1 lead of 5000 samples"), answers.get(4));
        assertTrue(Double.parseDouble(answers.get(5).substring(3)) > 0, answers.get(5));
    }

    @Test
    void badCommandsAnswerErrorAndTheServerGoesOn() throws IOException {
        List<String> answers = session("run 1", "load conv-train", "load conv-train shape=n2,c8", "load fly",
                "load embed model=small batchh=2", "jump", "info");
        assertTrue(answers.get(0).startsWith("error no workload loaded"), answers.get(0));
        assertTrue(answers.get(1).startsWith("error load: missing shape="), answers.get(1));
        assertTrue(answers.get(2).contains("'l' is missing"), answers.get(2));
        assertTrue(answers.get(3).contains("unknown kind 'fly'"), answers.get(3));
        assertTrue(answers.get(4).contains("unknown key 'batchh'"), answers.get(4));
        assertTrue(answers.get(5).startsWith("error unknown command 'jump'"), answers.get(5));
        assertTrue(answers.get(6).startsWith("ok JDK="), answers.get(6));
    }
}
