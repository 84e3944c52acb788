package org.jclef.clef.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Real records of each flavour in the bundle, checked against values decoded independently here. */
class WfdbReaderTest {

    private static short[] int16(Path file, int offset) throws Exception {
        byte[] b = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(b, offset, b.length - offset).order(ByteOrder.LITTLE_ENDIAN);
        short[] out = new short[(b.length - offset) / 2];
        buf.asShortBuffer().get(out);
        return out;
    }

    @Test
    void mitBih100IsFormat212WithCommentDemographics() throws Exception {
        EcgRecord r = WfdbReader.read(SharedDataFolders.require("wfdb-samples").resolve("100.hea"));
        assertEquals(360.0, r.fs());
        assertEquals(650000, r.length());
        assertEquals(List.of("MLII", "V5"), r.leadNames());
        // (995 − 1024)/200 and (1011 − 1024)/200: the header's initial values are the first samples.
        assertEquals(-0.145, r.leads().get(0).samples()[0], 1e-12);
        assertEquals(-0.065, r.leads().get(1).samples()[0], 1e-12);
        assertEquals("69", r.metadata().get("age"));
        assertEquals("M", r.metadata().get("sex"));
        assertTrue(r.metadata().get("comments").contains("Aldomet, Inderal"));
    }

    @Test
    void ptbDiagnosticSpansTwoSignalFiles() throws Exception {
        EcgRecord r = WfdbReader.read(SharedDataFolders.require("wfdb-samples").resolve("s0010_re.hea"));
        assertEquals(15, r.leads().size());
        assertEquals(38400, r.length());
        assertEquals(List.of("I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6", "X", "Y", "Z"),
                r.leadNames());
        assertEquals(-489 / 2000.0, r.requireLead("i").samples()[0], 1e-12);
        assertEquals(-3 / 2000.0, r.requireLead("vx").samples()[0], 1e-12);
        assertEquals("81", r.metadata().get("age"));
        assertEquals("F", r.metadata().get("sex"));
        assertEquals("no", r.metadata().get("Smoker"));
        assertEquals("140/80 mmHg", r.metadata().get("Peripheral blood Pressure (syst/diast)"));
    }

    @Test
    void ludbUsesPerLeadGainsAndBaselines() throws Exception {
        Path hea = SharedDataFolders.require("ludb").resolve("data/1.hea");
        EcgRecord r = WfdbReader.read(hea);
        short[] d = int16(hea.resolveSibling("1.dat"), 0);
        // lead i: 1716(6)/mV; lead avf: 698(-1)/mV
        assertEquals((d[12 * 100] - 6) / 1716.0, r.requireLead("I").samples()[100], 1e-15);
        assertEquals((d[12 * 100 + 5] + 1) / 698.0, r.requireLead("aVF").samples()[100], 1e-15);
        assertEquals("51", r.metadata().get("age"));
        assertEquals("F", r.metadata().get("sex"));
        assertEquals("Sinus bradycardia.", r.metadata().get("Rhythm"));
    }

    @Test
    void cincMatV4FileIsReadThroughItsHeader() throws Exception {
        Path hea = SharedDataFolders.require("cinc2021-samples").resolve("HR06000.hea");
        EcgRecord r = WfdbReader.read(hea);
        short[] d = int16(hea.resolveSibling("HR06000.mat"), 24);
        assertEquals(12, r.leads().size());
        assertEquals(5000, r.length());
        assertEquals("mV", r.leads().get(0).units(), "'mv' in the header is normalised");
        for (int t : new int[] {0, 1, 2500, 4999}) {
            assertEquals(d[12 * t + 6] / 1000.0, r.requireLead("V1").samples()[t], 1e-15);
        }
        assertEquals("59", r.metadata().get("age"));
        assertEquals("F", r.metadata().get("sex"));
        assertEquals("164934002,426783006", r.metadata().get("dx"));
    }

    @Test
    void cpscHasDecimalGainsAndLargeBaselines() throws Exception {
        Path hea = SharedDataFolders.require("cpsc2021-samples").resolve("data_8_4.hea");
        EcgRecord r = WfdbReader.read(hea);
        short[] d = int16(hea.resolveSibling("data_8_4.dat"), 0);
        assertEquals(200.0, r.fs());
        assertEquals(8235, r.length());
        assertEquals((d[2 * 10] + 199006) / 38777.46675997201, r.requireLead("I").samples()[10], 1e-12);
        assertEquals((d[2 * 10 + 1] + 230655) / 47660.88631984586, r.requireLead("II").samples()[10], 1e-12);
        assertTrue(r.metadata().get("comments").contains("persistent atrial fibrillation"));
    }

    @Test
    void recordReaderAcceptsHeaderDataMatAndBareNames() throws Exception {
        Path dir = SharedDataFolders.require("cinc2021-samples");
        OptionalDouble none = OptionalDouble.empty();
        EcgRecord viaMat = RecordReader.read(dir.resolve("JS20000.mat"), none);
        EcgRecord viaName = RecordReader.read(dir.resolve("JS20000"), none);
        EcgRecord viaHea = RecordReader.read(dir.resolve("JS20000.hea"), none);
        assertEquals(viaHea.leads().get(3).samples()[77], viaMat.leads().get(3).samples()[77]);
        assertEquals(viaHea.length(), viaName.length());
        Path ptb = SharedDataFolders.require("ptbxl-subset").resolve("records100/00000/00017_lr.dat");
        assertEquals(1000, RecordReader.read(ptb, none).length());
    }
}
