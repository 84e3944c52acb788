package org.jclef.clef.report;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SvgPlotTest {

    @Test
    void drawsSeriesLegendAndEscapedLabels() {
        String svg = new SvgPlot("ROC <test>", "FPR", "TPR")
                .range(0, 1, 0, 1)
                .line("CLEF", new double[] {0, 0.5, 1}, new double[] {0, 0.8, 1})
                .dashedLine("chance", new double[] {0, 1}, new double[] {0, 1})
                .points("cluster", new double[] {0.2}, new double[] {0.4})
                .render();
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assertTrue(svg.contains("ROC &lt;test&gt;"));
        // x = 0.5 maps to 70 + 0.5 * 410 = 275, y = 0.8 to 40 + 330 - 0.8 * 330 = 106.
        assertTrue(svg.contains("points=\"70.0,370.0 275.0,106.0 480.0,40.0\""), svg);
        assertTrue(svg.contains("stroke-dasharray"));
        assertTrue(svg.contains("<circle cx=\"152.0\" cy=\"238.0\""), svg);
        assertTrue(svg.contains(">CLEF</text>") && svg.contains(">cluster</text>"));
    }

    @Test
    void rejectsMismatchedSeries() {
        assertThrows(IllegalArgumentException.class,
                () -> new SvgPlot("t", "x", "y").line("bad", new double[2], new double[3]));
    }
}
