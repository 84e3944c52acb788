package org.jclef.clef.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A recording: equally long leads sampled at one rate, in physical units, with the metadata found
 * alongside it (header comments, manifest columns) and any warnings raised while reading it.
 *
 * <p>Lead lookup understands the usual aliases ({@link LeadNames}): {@code lead("avf")},
 * {@code lead("aVF")} and {@code lead("AVF")} find the same lead.
 */
public final class EcgRecord {
    private final String id;
    private final double fs;
    private final List<Lead> leads;
    private final Map<String, String> metadata;
    private final List<String> warnings;

    public EcgRecord(String id, double fs, List<Lead> leads, Map<String, String> metadata, List<String> warnings) {
        if (!(fs > 0) || Double.isInfinite(fs)) {
            throw new IllegalArgumentException("record " + id + ": sampling rate must be positive, got " + fs);
        }
        int length = leads.isEmpty() ? 0 : leads.get(0).samples().length;
        for (Lead l : leads) {
            if (l.samples().length != length) {
                throw new IllegalArgumentException("record " + id + ": lead " + l.label() + " has "
                        + l.samples().length + " samples, lead " + leads.get(0).label() + " has " + length);
            }
        }
        this.id = id;
        this.fs = fs;
        this.leads = List.copyOf(leads);
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.warnings = List.copyOf(warnings);
    }

    public String id() {
        return id;
    }

    /** Sampling rate in Hz. */
    public double fs() {
        return fs;
    }

    public List<Lead> leads() {
        return leads;
    }

    /** Samples per lead. */
    public int length() {
        return leads.isEmpty() ? 0 : leads.get(0).samples().length;
    }

    public double durationSeconds() {
        return length() / fs;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public List<String> warnings() {
        return warnings;
    }

    /** The standard (or file) names of the leads, in order. */
    public List<String> leadNames() {
        List<String> names = new ArrayList<>();
        for (Lead l : leads) {
            names.add(l.name());
        }
        return names;
    }

    /** The lead called {@code name} or any alias of it. */
    public Optional<Lead> lead(String name) {
        for (Lead l : leads) {
            if (LeadNames.same(l.name(), name) || l.label().equalsIgnoreCase(name.strip())) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #lead} but throws, listing the leads present, when it is missing. */
    public Lead requireLead(String name) {
        return lead(name).orElseThrow(() -> new IllegalArgumentException("record " + id + " has no lead '" + name
                + "' (leads: " + String.join(", ", leadNames()) + ")"));
    }

    /** A copy with {@code extra} added to (and overriding) the metadata. */
    public EcgRecord withMetadata(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(metadata);
        merged.putAll(extra);
        return new EcgRecord(id, fs, leads, merged, warnings);
    }

    @Override
    public String toString() {
        return "EcgRecord[" + id + ", " + leads.size() + " leads, " + length() + " samples at " + fs + " Hz]";
    }
}
