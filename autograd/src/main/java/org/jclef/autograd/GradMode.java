package org.jclef.autograd;

/**
 * Whether operations record a graph on the current thread.
 *
 * <p>Recording is on by default. Inside a {@link #noGrad()} scope no operation records parents or a
 * backward closure, so its results are constants (evaluation, parameter updates, finite
 * differences). Scopes nest and are per thread:
 *
 * <pre>{@code
 * try (var _ = GradMode.noGrad()) {
 *     Variable y = Ops.mul(w, x);   // y.requiresGrad() == false, no graph kept
 * }
 * }</pre>
 */
public final class GradMode {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private GradMode() {
    }

    /** Whether operations on this thread currently record a graph. */
    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** Turns recording off on this thread until the returned scope is closed. */
    public static Scope noGrad() {
        return set(false);
    }

    /** Turns recording on on this thread (inside a {@link #noGrad()} scope) until the scope is closed. */
    public static Scope enableGrad() {
        return set(true);
    }

    private static Scope set(boolean enabled) {
        Scope scope = new Scope(Thread.currentThread(), ENABLED.get());
        ENABLED.set(enabled);
        return scope;
    }

    /** Restores the previous recording state when closed; close it on the thread that opened it. */
    public static final class Scope implements AutoCloseable {
        private final Thread owner;
        private final boolean previous;
        private boolean closed;

        private Scope(Thread owner, boolean previous) {
            this.owner = owner;
            this.previous = previous;
        }

        @Override
        public void close() {
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("GradMode scope opened on thread '" + owner.getName()
                        + "' closed on thread '" + Thread.currentThread().getName() + "'");
            }
            if (!closed) {
                closed = true;
                ENABLED.set(previous);
            }
        }
    }
}
