package org.jclef.nn.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes small zip archives with chosen records, as torch.save would (or as it would not). */
final class ZipFixtures {
    private ZipFixtures() {
    }

    static Path write(Path file, Map<String, byte[]> records, boolean deflate) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> r : records.entrySet()) {
                ZipEntry entry = new ZipEntry(r.getKey());
                if (!deflate) {
                    CRC32 crc = new CRC32();
                    crc.update(r.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(r.getValue().length);
                    entry.setCompressedSize(r.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(r.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    /** A torch-like archive under {@code root}: data.pkl, the given storages, version "3". */
    static Path archive(Path file, String root, byte[] pickle, Map<String, byte[]> storages)
            throws IOException {
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put(root + "/data.pkl", pickle);
        storages.forEach((k, v) -> records.put(root + "/data/" + k, v));
        records.put(root + "/version", "3\n".getBytes());
        return write(file, records, false);
    }

    /** Little-endian float32 bytes. */
    static byte[] floats(float... values) {
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        return buf.array();
    }

    /** Little-endian int64 bytes. */
    static byte[] longs(long... values) {
        ByteBuffer buf = ByteBuffer.allocate(8 * values.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            buf.putLong(v);
        }
        return buf.array();
    }
}
