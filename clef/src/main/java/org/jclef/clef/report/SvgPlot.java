package org.jclef.clef.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small SVG chart writer for reports: line series (loss curves, ROC curves) and labelled scatter
 * points (embedding projections), with axes, ticks, a title and a legend. No dependencies; the
 * output opens in any browser and renders in Markdown viewers.
 *
 * <pre>{@code
 * SvgPlot plot = new SvgPlot("Loss", "step", "loss");
 * plot.line("CLEF", steps, losses);
 * plot.write(Path.of("loss.svg"));
 * }</pre>
 */
public final class SvgPlot {
    private static final int WIDTH = 640, HEIGHT = 420;
    private static final int LEFT = 70, RIGHT = 160, TOP = 40, BOTTOM = 50;
    private static final String[] PALETTE = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"
    };

    private record Series(String name, double[] x, double[] y, boolean scatter, boolean dashed) {
    }

    private final String title, xLabel, yLabel;
    private final List<Series> series = new ArrayList<>();
    private double[] fixedRange;

    public SvgPlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a polyline; {@code x} and {@code y} have equal lengths. */
    public SvgPlot line(String name, double[] x, double[] y) {
        return add(new Series(name, x, y, false, false));
    }

    /** Adds a dashed polyline (e.g. the chance diagonal of a ROC plot). */
    public SvgPlot dashedLine(String name, double[] x, double[] y) {
        return add(new Series(name, x, y, false, true));
    }

    /** Adds a set of points drawn as dots in one colour. */
    public SvgPlot points(String name, double[] x, double[] y) {
        return add(new Series(name, x, y, true, false));
    }

    /** Fixes the axis ranges instead of fitting them to the data (e.g. [0, 1] × [0, 1] for ROC). */
    public SvgPlot range(double xMin, double xMax, double yMin, double yMax) {
        if (!(xMax > xMin) || !(yMax > yMin)) {
            throw new IllegalArgumentException("plot range must be increasing, got x [" + xMin + ", " + xMax
                    + "], y [" + yMin + ", " + yMax + "]");
        }
        fixedRange = new double[] {xMin, xMax, yMin, yMax};
        return this;
    }

    private SvgPlot add(Series s) {
        if (s.x.length != s.y.length) {
            throw new IllegalArgumentException("plot series '" + s.name + "': " + s.x.length + " x values but "
                    + s.y.length + " y values");
        }
        series.add(s);
        return this;
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, render(), StandardCharsets.UTF_8);
    }

    /** The SVG document. */
    public String render() {
        double[] r = fixedRange != null ? fixedRange : dataRange();
        double x0 = r[0], x1 = r[1], y0 = r[2], y1 = r[3];
        int plotW = WIDTH - LEFT - RIGHT, plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(WIDTH / 2.0 - RIGHT / 2.0, 22, title, "middle", 15));
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n",
                LEFT, TOP, plotW, plotH));
        for (int i = 0; i <= 4; i++) {
            double fx = x0 + (x1 - x0) * i / 4, fy = y0 + (y1 - y0) * i / 4;
            double px = LEFT + plotW * i / 4.0, py = TOP + plotH - plotH * i / 4.0;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", px, TOP, px, TOP + plotH));
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, py, LEFT + plotW, py));
            svg.append(text(px, TOP + plotH + 16, tick(fx), "middle", 11));
            svg.append(text(LEFT - 6, py + 4, tick(fy), "end", 11));
        }
        svg.append(text(LEFT + plotW / 2.0, HEIGHT - 12, xLabel, "middle", 12));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">%s</text>%n",
                TOP + plotH / 2.0, TOP + plotH / 2.0, escape(yLabel)));
        for (int s = 0; s < series.size(); s++) {
            Series ser = series.get(s);
            String colour = PALETTE[s % PALETTE.length];
            if (ser.scatter) {
                for (int i = 0; i < ser.x.length; i++) {
                    if (Double.isFinite(ser.x[i]) && Double.isFinite(ser.y[i])) {
                        svg.append(String.format(Locale.ROOT,
                                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\" fill-opacity=\"0.7\"/>%n",
                                px(ser.x[i], x0, x1, plotW), py(ser.y[i], y0, y1, plotH), colour));
                    }
                }
            } else {
                StringBuilder pts = new StringBuilder();
                for (int i = 0; i < ser.x.length; i++) {
                    if (Double.isFinite(ser.x[i]) && Double.isFinite(ser.y[i])) {
                        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ",
                                px(ser.x[i], x0, x1, plotW), py(ser.y[i], y0, y1, plotH)));
                    }
                }
                svg.append(String.format(Locale.ROOT,
                        "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\"%s/>%n",
                        pts.toString().trim(), colour, ser.dashed ? " stroke-dasharray=\"5,4\"" : ""));
            }
            double ly = TOP + 10 + 18 * s;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
                    WIDTH - RIGHT + 12, ly - 10, colour));
            svg.append(text(WIDTH - RIGHT + 30, ly, ser.name, "start", 12));
        }
        return svg.append("</svg>\n").toString();
    }

    private double[] dataRange() {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (Double.isFinite(s.x[i]) && Double.isFinite(s.y[i])) {
                    x0 = Math.min(x0, s.x[i]);
                    x1 = Math.max(x1, s.x[i]);
                    y0 = Math.min(y0, s.y[i]);
                    y1 = Math.max(y1, s.y[i]);
                }
            }
        }
        if (x0 > x1) {
            return new double[] {0, 1, 0, 1};
        }
        double padY = (y1 - y0) * 0.05;
        return new double[] {x0, x1 > x0 ? x1 : x0 + 1, y0 - padY, y1 > y0 ? y1 + padY : y0 + 1};
    }

    private static double px(double x, double x0, double x1, int w) {
        return LEFT + (x - x0) / (x1 - x0) * w;
    }

    private static double py(double y, double y0, double y1, int h) {
        return TOP + h - (y - y0) / (y1 - y0) * h;
    }

    private static String tick(double v) {
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5)
                ? String.format(Locale.ROOT, "%.1e", v)
                : String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    private static String text(double x, double y, String s, String anchor, int size) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x, y, anchor, size, escape(s));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
