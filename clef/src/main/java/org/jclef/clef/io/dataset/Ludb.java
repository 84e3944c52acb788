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
import org.jclef.clef.io.CsvTable;
import org.jclef.clef.io.HeaderMetadata;
import org.jclef.clef.io.RecordFormatException;

/**
 * LUDB (Lobachevsky University Electrocardiography Database): records listed in {@code RECORDS},
 * demographics and diagnoses from {@code ludb.csv}. Labels are the non-empty lines of the
 * diagnosis columns (rhythm, electric axis, conduction abnormalities, extrasystoles,
 * hypertrophies, pacing, ischemia, repolarisation, other states), e.g. {@code Sinus bradycardia},
 * {@code Left ventricular hypertrophy}. Metadata: {@code age}, {@code sex}, {@code rhythm}.
 */
public final class Ludb implements EcgDataset {
    private static final List<String> LABEL_COLUMNS = List.of("Rhythms", "Electric axis of the heart",
            "Conduction abnormalities", "Extrasystolies", "Hypertrophies", "Cardiac pacing", "Ischemia",
            "Non-specific repolarization abnormalities", "Other states");

    private final Path root;
    private final List<ManifestEntry> entries;

    private Ludb(Path root, List<ManifestEntry> entries) {
        this.root = root;
        this.entries = List.copyOf(entries);
    }

    /** Reads {@code RECORDS} and {@code ludb.csv} under {@code root}. */
    public static Ludb open(Path root) throws IOException {
        CsvTable table = CsvTable.read(root.resolve("ludb.csv"));
        int idColumn = table.requireColumn("ID");
        int sex = table.requireColumn("Sex");
        int age = table.requireColumn("Age");
        Map<String, CsvTable.Row> byId = new HashMap<>();
        for (CsvTable.Row row : table.rows()) {
            byId.put(row.get(idColumn).strip(), row);
        }
        List<ManifestEntry> entries = new ArrayList<>();
        List<String> records = Files.readAllLines(root.resolve("RECORDS"));
        for (int i = 0; i < records.size(); i++) {
            String path = records.get(i).strip();
            if (path.isEmpty()) {
                continue;
            }
            String id = Path.of(path).getFileName().toString();
            CsvTable.Row row = byId.get(id);
            if (row == null) {
                throw RecordFormatException.atLine(root.resolve("RECORDS"), i + 1, "record " + path
                        + " has no row in ludb.csv");
            }
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("age", row.get(age).strip());
            meta.put("sex", HeaderMetadata.normaliseSex(row.get(sex)));
            Set<String> labels = new LinkedHashSet<>();
            for (String column : LABEL_COLUMNS) {
                int c = table.requireColumn(column);
                for (String line : row.get(c).split("\\R")) {
                    if (!line.isBlank()) {
                        labels.add(line.strip());
                    }
                }
            }
            meta.put("rhythm", row.get(table.requireColumn("Rhythms")).strip());
            entries.add(new ManifestEntry(id, root.resolve(path + ".hea"), meta, labels));
        }
        return new Ludb(root, entries);
    }

    @Override
    public String name() {
        return "LUDB (" + root + ")";
    }

    @Override
    public List<ManifestEntry> entries() {
        return entries;
    }
}
