package org.jclef.clef.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void rendersCountsRateAndEtaFromAFakeClock() {
        long[] now = {0};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressBar bar = new ProgressBar(out, "epoch 1", 4, false, () -> now[0]);
        now[0] = 2_000_000_000L;
        bar.step("loss=1.5");
        assertEquals("epoch 1 [======>                 ] 1/4  25% 2.00 s/it ETA 0:06 loss=1.5", bar.render(now[0]));
        now[0] = 4_000_000_000L;
        bar.step(3, "loss=0.9");
        bar.close();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.endsWith("4/4 100% 1.00 it/s ETA 0:00 loss=0.9\n"), text);
    }

    @Test
    void formatsClockTimes() {
        assertEquals("0:59", ProgressBar.clockTime(59));
        assertEquals("1:01:05", ProgressBar.clockTime(3665));
    }
}
