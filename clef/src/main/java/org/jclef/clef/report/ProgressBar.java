package org.jclef.clef.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line terminal progress bar: {@code label [=====>    ] 12/40 30% 3.1 it/s ETA 0:09 loss=0.52}.
 *
 * <p>On an interactive console the line is redrawn in place (carriage return) at most every
 * 100 ms; otherwise (logs, CI) a plain line is printed about every 10% so output stays short.
 * {@link #close()} prints the final state and a newline.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean interactive;
    private final LongSupplier clock;
    private final long start;
    private long done;
    private long lastDraw;
    private int lastDecile = -1;
    private String extra = "";
    private boolean closed;

    /** A bar on {@code out} for {@code total} steps; interactive when a console is attached. */
    public ProgressBar(PrintStream out, String label, long total) {
        this(out, label, total, System.console() != null, System::nanoTime);
    }

    ProgressBar(PrintStream out, String label, long total, boolean interactive, LongSupplier clock) {
        if (total < 0) {
            throw new IllegalArgumentException("progress bar '" + label + "': negative total " + total);
        }
        this.out = out;
        this.label = label;
        this.total = total;
        this.interactive = interactive;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastDraw = start - REDRAW_NANOS;
    }

    /** Advances by {@code steps} and sets the trailing text (e.g. {@code "loss=0.52"}). */
    public void step(long steps, String extraText) {
        done = Math.min(total, done + steps);
        extra = extraText == null ? "" : extraText;
        long now = clock.getAsLong();
        if (interactive) {
            if (now - lastDraw >= REDRAW_NANOS || done == total) {
                lastDraw = now;
                out.print('\r' + render(now));
                out.flush();
            }
        } else {
            int decile = total == 0 ? 10 : (int) (10 * done / total);
            if (decile > lastDecile && decile < 10) {
                lastDecile = decile;
                out.println(render(now));
            }
        }
    }

    public void step(String extraText) {
        step(1, extraText);
    }

    /** Seconds since the bar was created. */
    public double elapsedSeconds() {
        return (clock.getAsLong() - start) / 1e9;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        String line = render(clock.getAsLong());
        out.println(interactive ? '\r' + line : line);
        out.flush();
    }

    String render(long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / seconds;
        int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
        StringBuilder bar = new StringBuilder(WIDTH);
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        String eta = done == 0 ? "?" : clockTime((total - done) / Math.max(rate, 1e-9));
        String line = String.format(Locale.ROOT, "%s [%s] %d/%d %3d%% %s ETA %s", label, bar, done, total,
                total == 0 ? 100 : (int) (100 * done / total), rateText(rate), done == total ? clockTime(0) : eta);
        return extra.isEmpty() ? line : line + " " + extra;
    }

    private static String rateText(double perSecond) {
        return perSecond >= 1 || perSecond == 0
                ? String.format(Locale.ROOT, "%.2f it/s", perSecond)
                : String.format(Locale.ROOT, "%.2f s/it", 1 / perSecond);
    }

    static String clockTime(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
