package org.jclef.tensor.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The arena allocator on its own (no OpenCL needed). */
class ArenaTest {

    @Test
    void blocksAreAlignedDisjointAndReusedAfterFree() {
        Arena arena = new Arena(1024);
        int a = arena.allocate(10);
        int b = arena.allocate(33);
        int c = arena.allocate(1);
        assertEquals(Arena.FIRST_OFFSET, a);
        assertEquals(a + 32, b);
        assertEquals(b + 64, c);
        arena.free(b, 33);
        assertEquals(b, arena.allocate(40), "first fit reuses the freed block");
        assertEquals(32 + 64 + 32, arena.inUse());
    }

    @Test
    void freedNeighboursMergeBackIntoOneRange() {
        Arena arena = new Arena(1024);
        int a = arena.allocate(100);
        int b = arena.allocate(100);
        int c = arena.allocate(100);
        arena.free(a, 100);
        arena.free(c, 100);
        arena.free(b, 100);
        assertEquals(1024 - Arena.FIRST_OFFSET, arena.largestFree());
        assertEquals(0, arena.inUse());
        assertThrows(IllegalStateException.class, () -> arena.free(a, 100));
    }

    @Test
    void aFullArenaSaysSoAndGrowsWithoutMovingBlocks() {
        Arena arena = new Arena(256);
        int a = arena.allocate(200);
        assertEquals(-1, arena.allocate(100));
        arena.grow(512);
        int b = arena.allocate(100);
        assertEquals(a + 224, b, "the new space continues the free tail");
        assertThrows(IllegalArgumentException.class, () -> arena.grow(500));
    }

    @Test
    void randomAllocateFreeKeepsTheBooks() {
        Random r = new Random(3);
        Arena arena = new Arena(1 << 16);
        List<int[]> live = new ArrayList<>();
        for (int step = 0; step < 5000; step++) {
            if (!live.isEmpty() && r.nextInt(3) == 0) {
                int[] block = live.remove(r.nextInt(live.size()));
                arena.free(block[0], block[1]);
            } else {
                int length = 1 + r.nextInt(700);
                int offset = arena.allocate(length);
                if (offset >= 0) {
                    for (int[] other : live) {
                        boolean disjoint = offset + length <= other[0] || other[0] + other[1] <= offset;
                        assertTrue(disjoint, "overlapping blocks");
                    }
                    assertEquals(0, offset % Arena.ALIGNMENT);
                    live.add(new int[] {offset, length});
                }
            }
        }
        for (int[] block : live) {
            arena.free(block[0], block[1]);
        }
        assertEquals(0, arena.inUse());
        assertEquals((1 << 16) - Arena.FIRST_OFFSET, arena.largestFree());
    }
}
