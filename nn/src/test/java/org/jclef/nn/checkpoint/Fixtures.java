package org.jclef.nn.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The committed fixtures of tools/torch-fixtures/checkpoints.py and their expected values. */
final class Fixtures {
    private Fixtures() {
    }

    static Path path(String name) {
        URL url = Fixtures.class.getResource("/checkpoints/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource checkpoints/" + name
                    + " (run tools/torch-fixtures/checkpoints.py)");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line of an expected-values file: key, PyTorch dtype, shape, then the payload fields. */
    record Expected(String key, String dtype, int[] shape, String[] payload) {
    }

    static List<Expected> expected(String name) {
        List<Expected> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(path(name))) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                String dims = f[2].substring(1, f[2].length() - 1);
                int[] shape = dims.isEmpty() ? new int[0]
                        : Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
                String[] payload = f.length > 3 ? Arrays.copyOfRange(f, 3, f.length) : new String[0];
                out.add(new Expected(f[0], f[1], shape, payload));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
