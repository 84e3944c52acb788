package org.jclef.tensor;

import java.util.Locale;

/** The backend implementations jclef knows, by the name used on the command line and in properties. */
public enum BackendKind {
    SCALAR,
    SIMD,
    OPENCL;

    /** Parses "scalar", "simd" or "opencl" (any case), or throws naming {@code source} and the choices. */
    public static BackendKind parse(String value, String source) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": unknown backend '" + value
                    + "', expected one of scalar, simd, opencl", e);
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
