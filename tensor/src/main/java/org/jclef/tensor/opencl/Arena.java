package org.jclef.tensor.opencl;

import java.util.Map;
import java.util.TreeMap;

/**
 * First-fit allocator of blocks of the device arena ({@link ClefKernel#mem}), in float elements.
 *
 * <p>Offsets below {@link #FIRST_OFFSET} are reserved (the canary lives at 0). Blocks start at
 * multiples of {@link #ALIGNMENT} floats (128 bytes) so that a tensor's first element is aligned
 * for coalesced loads. Free space is a map from offset to length whose neighbours are merged on
 * {@link #free}, so a training loop that allocates and drops the same shapes every step reuses
 * the same blocks. Pure bookkeeping: the device buffer and its host shadow belong to
 * {@link DeviceRuntime}.
 */
final class Arena {
    static final int ALIGNMENT = 32;
    static final int FIRST_OFFSET = ALIGNMENT;

    private final TreeMap<Integer, Integer> free = new TreeMap<>();
    private int capacity;
    private long inUse;

    /** An arena of {@code capacity} floats, all free except the reserved head. */
    Arena(int capacity) {
        if (capacity <= FIRST_OFFSET || capacity % ALIGNMENT != 0) {
            throw new IllegalArgumentException("arena capacity " + capacity
                    + " floats: expected a multiple of " + ALIGNMENT + " above " + FIRST_OFFSET);
        }
        this.capacity = capacity;
        free.put(FIRST_OFFSET, capacity - FIRST_OFFSET);
    }

    int capacity() {
        return capacity;
    }

    /** Floats held by live blocks (after alignment). */
    long inUse() {
        return inUse;
    }

    /** The aligned size of a block that holds {@code length} floats. */
    static int blockSize(int length) {
        long aligned = ((long) Math.max(length, 1) + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        if (aligned > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("arena block of " + length + " floats is too large");
        }
        return (int) aligned;
    }

    /** Offset of a new block of {@code length} floats, or -1 when no free range is large enough. */
    int allocate(int length) {
        int size = blockSize(length);
        int offset = -1;
        int rangeLength = 0;
        for (Map.Entry<Integer, Integer> range : free.entrySet()) {
            if (range.getValue() >= size) {
                offset = range.getKey();
                rangeLength = range.getValue();
                break;
            }
        }
        if (offset < 0) {
            return -1;
        }
        free.remove(offset);
        if (rangeLength > size) {
            free.put(offset + size, rangeLength - size);
        }
        inUse += size;
        return offset;
    }

    /** Returns the block at {@code offset} allocated with {@code length}, merging free neighbours. */
    void free(int offset, int length) {
        int size = blockSize(length);
        int start = offset;
        int end = offset + size;
        Map.Entry<Integer, Integer> before = free.floorEntry(offset);
        if (before != null && before.getKey() + before.getValue() > offset) {
            throw new IllegalStateException("arena: block at " + offset + " freed twice");
        }
        if (before != null && before.getKey() + before.getValue() == offset) {
            start = before.getKey();
            free.remove(before.getKey());
        }
        Integer after = free.get(end);
        if (after != null) {
            free.remove(end);
            end += after;
        }
        free.put(start, end - start);
        inUse -= size;
    }

    /** Extends the arena to {@code newCapacity} floats; existing blocks keep their offsets. */
    void grow(int newCapacity) {
        if (newCapacity <= capacity || newCapacity % ALIGNMENT != 0) {
            throw new IllegalArgumentException("arena: cannot grow from " + capacity + " to " + newCapacity
                    + " floats (expected a larger multiple of " + ALIGNMENT + ")");
        }
        int oldEnd = capacity;
        capacity = newCapacity;
        Map.Entry<Integer, Integer> last = free.lastEntry();
        if (last != null && last.getKey() + last.getValue() == oldEnd) {
            free.put(last.getKey(), newCapacity - last.getKey());
        } else {
            free.put(oldEnd, newCapacity - oldEnd);
        }
    }

    /** Length of the largest free range. */
    int largestFree() {
        int best = 0;
        for (int length : free.values()) {
            best = Math.max(best, length);
        }
        return best;
    }
}
