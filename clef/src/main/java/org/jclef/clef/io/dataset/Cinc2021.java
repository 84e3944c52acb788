package org.jclef.clef.io.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jclef.clef.io.CsvTable;
import org.jclef.clef.io.HeaderMetadata;
import org.jclef.clef.io.WfdbHeader;
import org.jclef.clef.io.WfdbHeaderParser;

/**
 * PhysioNet/CinC Challenge 2020/2021 records: every {@code .hea} in a folder, with age, sex and
 * SNOMED-CT {@code Dx} codes from the header comments. Labels are the Dx codes; where the
 * Challenge's {@code dx_mapping_scored.csv} / {@code dx_mapping_unscored.csv} are present, the
 * metadata key {@code dx_abbreviations} lists the codes' abbreviations (e.g. {@code TAb,NSR}).
 */
public final class Cinc2021 implements EcgDataset {
    private final Path root;
    private final List<ManifestEntry> entries;

    private Cinc2021(Path root, List<ManifestEntry> entries) {
        this.root = root;
        this.entries = List.copyOf(entries);
    }

    public static Cinc2021 open(Path root) throws IOException {
        Map<String, String> abbreviations = new HashMap<>();
        for (String table : List.of("dx_mapping_scored.csv", "dx_mapping_unscored.csv")) {
            Path file = root.resolve(table);
            if (Files.isRegularFile(file)) {
                CsvTable t = CsvTable.read(file);
                int code = t.requireColumn("SNOMEDCTCode");
                int abbreviation = t.requireColumn("Abbreviation");
                for (CsvTable.Row row : t.rows()) {
                    abbreviations.put(row.get(code).strip(), row.get(abbreviation).strip());
                }
            }
        }
        List<Path> headers;
        try (Stream<Path> files = Files.list(root)) {
            headers = files.filter(p -> p.getFileName().toString().endsWith(".hea")).sorted().toList();
        }
        List<ManifestEntry> entries = new ArrayList<>();
        for (Path header : headers) {
            WfdbHeader h = WfdbHeaderParser.parse(header);
            Map<String, String> comments = HeaderMetadata.parse(h.comments());
            Map<String, String> meta = new LinkedHashMap<>();
            for (String key : List.of(HeaderMetadata.AGE, HeaderMetadata.SEX)) {
                if (comments.containsKey(key)) {
                    meta.put(key, comments.get(key));
                }
            }
            Set<String> codes = new LinkedHashSet<>();
            String dx = comments.getOrDefault(HeaderMetadata.DX, "");
            for (String code : dx.split(",")) {
                if (!code.isBlank()) {
                    codes.add(code.strip());
                }
            }
            meta.put(HeaderMetadata.DX, String.join(",", codes));
            List<String> names = new ArrayList<>();
            for (String code : codes) {
                names.add(abbreviations.getOrDefault(code, code));
            }
            if (!abbreviations.isEmpty()) {
                meta.put("dx_abbreviations", String.join(",", names));
            }
            entries.add(new ManifestEntry(h.recordName(), header, meta, codes));
        }
        return new Cinc2021(root, entries);
    }

    @Override
    public String name() {
        return "PhysioNet/CinC 2021 (" + root + ")";
    }

    @Override
    public List<ManifestEntry> entries() {
        return entries;
    }
}
