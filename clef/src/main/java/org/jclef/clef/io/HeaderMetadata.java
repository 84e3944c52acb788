package org.jclef.clef.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Demographics and labels from WFDB header comments, in the styles found in public data sets:
 * <ul>
 *   <li>{@code <age>: 51}, {@code <sex>: F} (LUDB);</li>
 *   <li>{@code Age: 59}, {@code Sex: Female}, {@code Dx: 164934002,426783006} (PhysioNet/CinC 2020–2021);</li>
 *   <li>{@code age: 81}, {@code sex: female} (PTB Diagnostic);</li>
 *   <li>{@code 69 M 1085 1629 x1} (MIT-BIH: age and sex lead the first comment).</li>
 * </ul>
 * The standard keys {@link #AGE} (a number as written), {@link #SEX} ({@code M} or {@code F}) and
 * {@link #DX} (comma-separated codes) are filled when found. Every other {@code key: value}
 * comment is kept under its key as written (repeated keys are joined with "; "), and comments
 * without a key are collected, one per line, under {@link #COMMENTS}.
 */
public final class HeaderMetadata {
    public static final String AGE = "age";
    public static final String SEX = "sex";
    public static final String DX = "dx";
    public static final String COMMENTS = "comments";

    private static final Pattern KEY_VALUE = Pattern.compile("<?([^:<>]*?[A-Za-z][^:<>]*?)>?\\s*:\\s*(.*)");
    private static final Pattern MIT_AGE_SEX = Pattern.compile("(\\d{1,3})\\s+([MFmf])(?:\\s.*)?");

    private HeaderMetadata() {
    }

    public static Map<String, String> parse(List<String> comments) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String c : comments) {
            String text = c.strip();
            if (text.isEmpty()) {
                continue;
            }
            Matcher kv = KEY_VALUE.matcher(text);
            if (kv.matches()) {
                String key = kv.group(1).strip();
                String value = kv.group(2).strip();
                String standard = key.toLowerCase(Locale.ROOT);
                switch (standard) {
                    case AGE -> putFirst(out, AGE, value);
                    case SEX, "gender" -> putFirst(out, SEX, normaliseSex(value));
                    case DX -> putFirst(out, DX, value.replace(" ", ""));
                    default -> append(out, key, value);
                }
                continue;
            }
            Matcher mit = MIT_AGE_SEX.matcher(text);
            if (mit.matches() && !out.containsKey(AGE)) {
                out.put(AGE, mit.group(1));
                out.put(SEX, mit.group(2).toUpperCase(Locale.ROOT));
                append(out, COMMENTS, text);
                continue;
            }
            append(out, COMMENTS, text);
        }
        return out;
    }

    /** {@code M}/{@code F} for the usual spellings (male, Male, M, female, F, …); other values unchanged. */
    public static String normaliseSex(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "m", "male", "man" -> "M";
            case "f", "female", "woman" -> "F";
            default -> value.strip();
        };
    }

    private static void putFirst(Map<String, String> out, String key, String value) {
        out.putIfAbsent(key, value);
    }

    private static void append(Map<String, String> out, String key, String value) {
        String separator = key.equals(COMMENTS) ? "\n" : "; ";
        out.merge(key, value, (a, b) -> a.isEmpty() ? b : b.isEmpty() ? a : a + separator + b);
    }
}
