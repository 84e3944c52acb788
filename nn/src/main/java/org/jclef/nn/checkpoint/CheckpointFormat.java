package org.jclef.nn.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kind of a weights file, told from its first bytes (never from its name). */
public enum CheckpointFormat {
    /** torch.save since PyTorch 1.6: a zip archive ({@code .pt}, {@code .pth}, Lightning {@code .ckpt}). */
    TORCH_ZIP,
    /** torch.save before 1.6 (or {@code _use_new_zipfile_serialization=False}): bare pickles. */
    TORCH_LEGACY,
    /** A tar archive, torch.save's format before 0.4. */
    TORCH_TAR,
    /** safetensors: an 8-byte little-endian header length, then a JSON header. */
    SAFETENSORS,
    UNKNOWN;

    /** Detects the format of {@code file} from its magic bytes. */
    public static CheckpointFormat detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(512);
        }
        return detect(head);
    }

    static CheckpointFormat detect(byte[] head) {
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K'
                && (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6)) {
            return TORCH_ZIP;
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
            return TORCH_LEGACY;
        }
        if (head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII)
                .equals("ustar")) {
            return TORCH_TAR;
        }
        if (head.length >= 9 && head[8] == '{' && head[6] == 0 && head[7] == 0) {
            return SAFETENSORS;
        }
        return UNKNOWN;
    }

    /** Why the PyTorch importer cannot read a file of this format, and what to do instead. */
    String refusal() {
        return switch (this) {
            case TORCH_ZIP -> throw new IllegalStateException("a torch.save zip archive is readable");
            case TORCH_LEGACY -> "this file uses PyTorch's legacy serialization (torch < 1.6 or"
                    + " _use_new_zipfile_serialization=False), which jclef does not read; re-save it"
                    + " with torch >= 1.6: torch.save(torch.load(path, map_location='cpu'), new_path)";
            case TORCH_TAR -> "this file is a tar archive from torch < 0.4, which jclef does not read;"
                    + " re-save it with torch >= 1.6";
            case SAFETENSORS -> "this is a safetensors file, not a torch.save archive; read it with"
                    + " org.jclef.tensor.io.SafeTensors";
            case UNKNOWN -> "not a PyTorch checkpoint: a torch.save archive starts with the zip"
                    + " signature 'PK\\3\\4'";
        };
    }
}
