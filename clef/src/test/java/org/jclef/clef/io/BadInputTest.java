package org.jclef.clef.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupted copies of real bundled files, made in a temporary folder: every failure is a
 * checked {@link IOException} (or {@link IllegalArgumentException}) naming the file and where,
 * never an index error or a silently zero-filled signal.
 */
class BadInputTest {
    @TempDir
    Path dir;

    /** Copies record {@code name}'s header and signal file from the bundle folder into {@link #dir}. */
    private Path copy(String folder, String name, String signalExtension) throws IOException {
        Path src = SharedDataFolders.require(folder);
        Files.copy(src.resolve(name + ".hea"), dir.resolve(name + ".hea"));
        Files.copy(src.resolve(name + signalExtension), dir.resolve(name + signalExtension));
        return dir.resolve(name + ".hea");
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? "" : t.getMessage();
    }

    @Test
    void truncatedDatNamesFileSizeAndNeed() throws Exception {
        Path hea = copy("ptbxl-subset/records100/00000", "00001_lr", ".dat");
        Path dat = dir.resolve("00001_lr.dat");
        byte[] b = Files.readAllBytes(dat);
        Files.write(dat, Arrays.copyOf(b, b.length - 1001));
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> WfdbReader.read(hea));
        assertTrue(message(e).contains("00001_lr.dat"), message(e));
        assertTrue(message(e).contains("truncated"), message(e));
        assertTrue(message(e).contains(Integer.toString(b.length)), "names the bytes needed: " + message(e));
    }

    @Test
    void headerDeclaringMoreSamplesThanTheDataHoldIsAnError() throws Exception {
        Path hea = copy("ludb/data", "7", ".dat");
        String text = Files.readString(hea).replaceFirst("7 12 500 5000", "7 12 500 5001");
        Files.writeString(hea, text);
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> WfdbReader.read(hea));
        assertTrue(message(e).contains("5001"), message(e));
    }

    @Test
    void trailingBytesAreAWarningNotAnError() throws Exception {
        Path hea = copy("ptbxl-subset/records100/00000", "00002_lr", ".dat");
        Files.write(dir.resolve("00002_lr.dat"), new byte[] {1, 2, 3, 4}, java.nio.file.StandardOpenOption.APPEND);
        EcgRecord r = WfdbReader.read(hea);
        assertEquals(1000, r.length());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("4 bytes")), r.warnings().toString());
    }

    @Test
    void unknownFormatCodeNamesTheLine() throws Exception {
        Path hea = copy("ptbxl-subset/records100/00000", "00003_lr", ".dat");
        Files.writeString(hea, Files.readString(hea).replaceFirst("00003_lr.dat 16 ", "00003_lr.dat 17 "));
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> WfdbReader.read(hea));
        assertTrue(message(e).contains("line 2") && message(e).contains("17"), message(e));
    }

    @Test
    void missingSignalFileIsNamed() throws Exception {
        Path hea = copy("ptbxl-subset/records100/00000", "00004_lr", ".dat");
        Files.delete(dir.resolve("00004_lr.dat"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> WfdbReader.read(hea));
        assertTrue(message(e).contains("00004_lr.dat"), message(e));
        assertTrue(message(e).contains("00004_lr.hea"), "names the header that refers to it: " + message(e));
    }

    @Test
    void garbageInsteadOfAHeaderIsRejected() throws Exception {
        Path src = SharedDataFolders.require("ptbxl-subset/records100/00000");
        Path hea = dir.resolve("00005_lr.hea");
        Files.copy(src.resolve("00005_lr.dat"), hea);
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> WfdbReader.read(hea));
        assertTrue(message(e).contains("00005_lr.hea") && message(e).contains("byte"), message(e));
    }

    @Test
    void garbledHeaderTextNamesTheLine() throws Exception {
        Path hea = copy("ludb/data", "8", ".dat");
        String text = Files.readString(hea);
        Files.writeString(hea, text.replaceFirst("8.dat 16 \\S+", "8.dat 16 @@garbage@@"));
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> WfdbReader.read(hea));
        assertTrue(message(e).contains("line 2") && message(e).contains("gain"), message(e));
    }

    @Test
    void corruptedSamplesFailTheChecksumAsAWarning() throws Exception {
        Path hea = copy("ptbxl-subset/records100/00000", "00006_lr", ".dat");
        Path dat = dir.resolve("00006_lr.dat");
        byte[] b = Files.readAllBytes(dat);
        b[100] ^= 0x5a;
        Files.write(dat, b);
        EcgRecord r = WfdbReader.read(hea);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("checksum")), r.warnings().toString());
    }

    @Test
    void damagedMatV4HeaderIsRejected() throws Exception {
        Path hea = copy("cinc2021-samples", "E07501", ".mat");
        Path mat = dir.resolve("E07501.mat");
        byte[] b = Files.readAllBytes(mat);
        byte[] broken = b.clone();
        broken[4] = 11; // rows 12 -> 11
        Files.write(mat, broken);
        RecordFormatException rows = assertThrows(RecordFormatException.class, () -> WfdbReader.read(hea));
        assertTrue(message(rows).contains("E07501.mat") && message(rows).contains("rows"), message(rows));
        Files.write(mat, Arrays.copyOf(b, 5000));
        RecordFormatException cut = assertThrows(RecordFormatException.class, () -> WfdbReader.read(hea));
        assertTrue(message(cut).contains("truncated"), message(cut));
        byte[] garbage = b.clone();
        Arrays.fill(garbage, 0, 4, (byte) 0x7f);
        Files.write(mat, garbage);
        RecordFormatException type = assertThrows(RecordFormatException.class, () -> WfdbReader.read(hea));
        assertTrue(message(type).contains("MAT v4"), message(type));
    }

    @Test
    void csvWithWrongColumnCountNamesTheLine() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "I,II,III\n0.1,0.2,0.3\n0.1,0.2\n", StandardCharsets.UTF_8);
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> CsvEcgReader.read(csv, 500));
        assertTrue(message(e).contains("bad.csv, line 3") && message(e).contains("expected 3"), message(e));
        Files.writeString(csv, "I,II\n0.1,abc\n");
        RecordFormatException nan = assertThrows(RecordFormatException.class, () -> CsvEcgReader.read(csv, 500));
        assertTrue(message(nan).contains("line 2") && message(nan).contains("column 2"), message(nan));
    }

    @Test
    void csvWithoutARateIsRejected() throws Exception {
        Path csv = dir.resolve("ok.csv");
        Files.writeString(csv, "I\n1\n");
        assertThrows(IllegalArgumentException.class, () -> RecordReader.read(csv, OptionalDouble.empty()));
    }
}
