package org.jclef.nn.checkpoint;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A Python tuple read from a pickle: an immutable list whose elements may be {@code null}
 * (Python's None).
 */
public record PickleTuple(List<Object> items) {
    public static final PickleTuple EMPTY = new PickleTuple(List.of());

    public PickleTuple {
        items = Collections.unmodifiableList(Arrays.asList(items.toArray()));
    }

    public static PickleTuple of(Object... items) {
        return new PickleTuple(Arrays.asList(items));
    }

    public int size() {
        return items.size();
    }

    public Object get(int i) {
        return items.get(i);
    }

    @Override
    public String toString() {
        return "tuple of " + items.size();
    }
}
