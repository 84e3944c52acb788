package org.jclef.clef.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LossKindTest {

    @Test
    void parsesNamesCaseInsensitively() {
        assertEquals(LossKind.CLEF, LossKind.parse("clef"));
        assertEquals(LossKind.NTXENT, LossKind.parse("NTXent"));
        assertEquals(LossKind.NTXENT, LossKind.parse("SimCLR"));
        assertEquals(LossKind.BYOL, LossKind.parse(" byol "));
        assertEquals(LossKind.MOCO, LossKind.parse("MOCO"));
        for (LossKind kind : LossKind.values()) {
            assertEquals(kind, LossKind.parse(kind.cliName()));
        }
    }

    @Test
    void unknownNameListsTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossKind.parse("triplet"));
        assertTrue(e.getMessage().contains("'triplet'") && e.getMessage().contains("clef, ntxent, byol, moco"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LossKind.parse(null));
    }

    @Test
    void embeddingLossesComeFromTheFactory() {
        ClefLossConfig config = ClefLossConfig.defaults().withTemperature(0.1);
        assertInstanceOf(ClefLoss.class, ContrastiveLoss.of(LossKind.CLEF, config));
        NtXentLoss ntXent = assertInstanceOf(NtXentLoss.class, ContrastiveLoss.of(LossKind.NTXENT, config));
        assertEquals(0.1, ntXent.temperature());
        assertFalse(LossKind.CLEF.usesTargetNetwork() || LossKind.NTXENT.usesTargetNetwork());
        assertTrue(LossKind.BYOL.usesTargetNetwork() && LossKind.MOCO.usesTargetNetwork());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContrastiveLoss.of(LossKind.MOCO, config));
        assertTrue(e.getMessage().contains("MocoLoss"), e.getMessage());
    }
}
