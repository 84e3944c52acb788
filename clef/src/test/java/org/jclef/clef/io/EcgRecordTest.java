package org.jclef.clef.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EcgRecordTest {

    @Test
    void leadLookupUnderstandsAliases() {
        assertEquals("aVR", LeadNames.standardName("AVR"));
        assertEquals("aVL", LeadNames.standardName("avl"));
        assertEquals("II", LeadNames.standardName("Lead II"));
        assertEquals("III", LeadNames.standardName("DIII"));
        assertEquals("V6", LeadNames.standardName("v6"));
        assertEquals("X", LeadNames.standardName("vx"));
        assertNull(LeadNames.standardName("MLII"));
        EcgRecord r = new EcgRecord("r", 500, List.of(
                new Lead("aVF", "AVF", "mV", new double[] {1, 2}),
                new Lead("MLII", "MLII", "uV", new double[] {3, 4})), Map.of(), List.of());
        assertEquals("AVF", r.requireLead("avf").label());
        assertEquals("AVF", r.requireLead("aVF").label());
        assertEquals("MLII", r.requireLead("mlii").label());
        assertTrue(r.lead("V1").isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.requireLead("V1"));
        assertTrue(e.getMessage().contains("aVF, MLII"), e.getMessage());
        assertEquals(0.003, r.requireLead("MLII").millivolts()[0], 1e-18);
    }

    @Test
    void leadsMustHaveEqualLengthsAndUnitsMustBeVoltages() {
        assertThrows(IllegalArgumentException.class, () -> new EcgRecord("r", 500, List.of(
                new Lead("I", "I", "mV", new double[2]), new Lead("II", "II", "mV", new double[3])),
                Map.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Lead("BP", "BP", "mmHg", new double[1]).millivolts());
        assertEquals("uV", Lead.normaliseUnits("µV"));
        assertEquals("mV", Lead.normaliseUnits("mv"));
    }

    @Test
    void headerCommentsInAllBundledStyles() {
        Map<String, String> ludb = HeaderMetadata.parse(List.of("<age>: 51", "<sex>: F", "<diagnoses>:",
                "Rhythm: Sinus bradycardia.", "Left ventricular hypertrophy."));
        assertEquals("51", ludb.get("age"));
        assertEquals("F", ludb.get("sex"));
        assertEquals("Sinus bradycardia.", ludb.get("Rhythm"));
        assertEquals("Left ventricular hypertrophy.", ludb.get("comments"));
        Map<String, String> cinc = HeaderMetadata.parse(List.of("Age: 59", "Sex: Female", "Dx: 164934002, 426783006"));
        assertEquals("59", cinc.get("age"));
        assertEquals("F", cinc.get("sex"));
        assertEquals("164934002,426783006", cinc.get("dx"));
        Map<String, String> ptb = HeaderMetadata.parse(List.of("age: 81", "sex: male", "Smoker: no",
                "Catheterization date: 16-Oct-90", "Catheterization date: 17-Oct-90"));
        assertEquals("81", ptb.get("age"));
        assertEquals("M", ptb.get("sex"));
        assertEquals("16-Oct-90; 17-Oct-90", ptb.get("Catheterization date"));
        Map<String, String> mit = HeaderMetadata.parse(List.of("69 M 1085 1629 x1", "Aldomet, Inderal"));
        assertEquals("69", mit.get("age"));
        assertEquals("M", mit.get("sex"));
    }
}
