package org.jclef.tensor.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON (RFC 8259) reader and writer with plain Java values.
 *
 * <p>Mapping: object → {@code Map<String, Object>} (insertion-ordered, unmodifiable), array →
 * {@code List<Object>} (unmodifiable), string → {@link String}, number → {@link Long} when it is an
 * integer literal that fits, {@link BigInteger} for a larger integer literal, {@link Double}
 * otherwise, {@code true/false} → {@link Boolean}, {@code null} → {@code null}.
 *
 * <p>Strict means: exactly one value with nothing but whitespace around it; no comments, trailing
 * commas, single quotes, leading zeros, NaN or Infinity; no raw control characters in strings;
 * only the escapes the RFC defines; and <b>duplicate keys are an error</b> (the RFC leaves them
 * undefined, and a duplicated tensor name in a file header must not silently shadow another).
 * Nesting is limited to {@value #MAX_DEPTH} levels so that a hostile input cannot overflow the stack,
 * and number literals to {@value #MAX_NUMBER_LENGTH} characters.
 *
 * <pre>{@code
 * Map<String, Object> o = Json.parseObject("{\"shape\": [2, 3], \"dtype\": \"F32\"}", "header");
 * Json.write(o);          // {"shape":[2,3],"dtype":"F32"}
 * }</pre>
 */
public final class Json {
    /** Deepest nesting of arrays and objects accepted by the reader. */
    public static final int MAX_DEPTH = 256;
    /** Longest number literal accepted (the RFC lets implementations limit precision). */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private final String text;
    private final String source;
    private int pos;

    private Json(String text, String source) {
        this.text = text;
        this.source = source;
    }

    // ---------------------------------------------------------------- reading

    /**
     * Parses one JSON value.
     *
     * @param source names the input in error messages (a file name, "header of x.safetensors")
     * @throws JsonException naming the source, the character offset and what was expected
     */
    public static Object parse(String text, String source) {
        Json reader = new Json(text, source);
        reader.skipWhitespace();
        Object value = reader.readValue(0);
        reader.skipWhitespace();
        if (reader.pos != text.length()) {
            throw reader.error("unexpected " + reader.describeNext() + " after the JSON value");
        }
        return value;
    }

    /** Parses a JSON value that must be an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text, String source) {
        Object value = parse(text, source);
        if (!(value instanceof Map)) {
            throw new JsonException(source + ": expected a JSON object, found " + typeName(value));
        }
        return (Map<String, Object>) value;
    }

    private Object readValue(int depth) {
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> readObject(depth + 1);
            case '[' -> readArray(depth + 1);
            case '"' -> readString();
            case 't' -> readLiteral("true", Boolean.TRUE);
            case 'f' -> readLiteral("false", Boolean.FALSE);
            case 'n' -> readLiteral("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield readNumber();
                }
                throw error("unexpected " + describeNext() + ", expected a value");
            }
        };
    }

    private Map<String, Object> readObject(int depth) {
        checkDepth(depth);
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(map);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("unexpected " + describeNext() + ", expected a string key");
            }
            int keyPos = pos;
            String key = readString();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object value = readValue(depth);
            if (map.containsKey(key)) {
                throw new JsonException(source + ": duplicate key \"" + key + "\" at offset " + keyPos);
            }
            map.put(key, value);
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                return Collections.unmodifiableMap(map);
            }
            if (c != ',') {
                pos--;
                throw error("unexpected " + describeNext() + ", expected ',' or '}' in an object");
            }
        }
    }

    private List<Object> readArray(int depth) {
        checkDepth(depth);
        pos++;
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            skipWhitespace();
            list.add(readValue(depth));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                return Collections.unmodifiableList(list);
            }
            if (c != ',') {
                pos--;
                throw error("unexpected " + describeNext() + ", expected ',' or ']' in an array");
            }
        }
    }

    private String readString() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("raw control character U+" + String.format("%04X", (int) c)
                        + " in a string (must be escaped)");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated escape sequence");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(readHex4());
                default -> {
                    pos--;
                    throw error("invalid escape '\\" + e + "'");
                }
            }
        }
    }

    private char readHex4() {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos), 16);
            if (d < 0) {
                throw error("invalid hex digit in \\u escape: " + describeNext());
            }
            v = v * 16 + d;
            pos++;
        }
        return (char) v;
    }

    private Object readNumber() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("leading zero in a number");
            }
        } else if (isDigit(peek())) {
            skipDigits();
        } else {
            throw error("unexpected " + describeNext() + ", expected a digit");
        }
        boolean integer = true;
        if (peek() == '.') {
            integer = false;
            pos++;
            if (!isDigit(peek())) {
                throw error("unexpected " + describeNext() + ", expected a digit after '.'");
            }
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integer = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("unexpected " + describeNext() + ", expected a digit in the exponent");
            }
            skipDigits();
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            throw new JsonException(source + ": number at offset " + start + " is longer than "
                    + MAX_NUMBER_LENGTH + " characters");
        }
        String literal = text.substring(start, pos);
        if (integer) {
            BigInteger big = new BigInteger(literal);
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        double d = Double.parseDouble(literal);
        if (Double.isInfinite(d)) {
            throw new JsonException(source + ": number " + literal + " at offset " + start
                    + " is out of the double range");
        }
        return d;
    }

    private Object readLiteral(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected " + describeNext() + ", expected a value");
        }
        pos += word.length();
        return value;
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** The next character, or U+0000 at the end (never a legal character there). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("unexpected " + describeNext() + ", expected '" + c + "'");
        }
        pos++;
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private String describeNext() {
        if (pos >= text.length()) {
            return "end of input";
        }
        char c = text.charAt(pos);
        return c < 0x20 || c > 0x7e ? String.format("character U+%04X", (int) c) : "'" + c + "'";
    }

    private JsonException error(String message) {
        return new JsonException(source + ": " + message + " at offset " + pos);
    }

    // ---------------------------------------------------------------- writing

    /** How {@link #write(Object, Style)} treats floating-point numbers. */
    public enum Style {
        /** NaN and ±∞ are errors; doubles keep their Java form ({@code 500.0}). For files we read back. */
        STRICT,
        /**
         * NaN and ±∞ become {@code null} (an undefined metric); doubles with an integral value below
         * 10^15 are written without a fraction ({@code 500}). For reports and CLI output.
         */
        REPORT
    }

    /**
     * Compact JSON for a value built from maps with string keys, lists, strings, numbers, booleans
     * and null, in the {@link Style#STRICT} style. Non-ASCII characters are written as-is (the
     * output is meant to be UTF-8 encoded).
     *
     * @throws IllegalArgumentException for other types, non-string keys, NaN or infinite numbers
     */
    public static String write(Object value) {
        return write(value, Style.STRICT);
    }

    /** {@link #write(Object)} with the given treatment of floating-point numbers. */
    public static String write(Object value, Style style) {
        StringBuilder sb = new StringBuilder();
        writeValue(sb, value, 0, style);
        return sb.toString();
    }

    private static void writeValue(StringBuilder sb, Object value, int depth, Style style) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("Json.write: nesting deeper than " + MAX_DEPTH + " levels");
        }
        switch (value) {
            case null -> sb.append("null");
            case String s -> writeString(sb, s);
            case Boolean b -> sb.append(b);
            case Long _, Integer _, Short _, Byte _, BigInteger _ -> sb.append(value);
            case Double d -> writeDouble(sb, d, style);
            case Float f -> writeDouble(sb, f.doubleValue(), style);
            case BigDecimal d -> sb.append(d.toString());
            case Map<?, ?> map -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("Json.write: object key " + e.getKey()
                                + " is not a String");
                    }
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    writeString(sb, key);
                    sb.append(':');
                    writeValue(sb, e.getValue(), depth + 1, style);
                }
                sb.append('}');
            }
            case List<?> list -> {
                sb.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    writeValue(sb, list.get(i), depth + 1, style);
                }
                sb.append(']');
            }
            default -> throw new IllegalArgumentException("Json.write: cannot write a "
                    + value.getClass().getName() + " (expected Map, List, String, Number, Boolean or null)");
        }
    }

    private static void writeDouble(StringBuilder sb, double d, Style style) {
        if (!Double.isFinite(d)) {
            if (style == Style.STRICT) {
                throw new IllegalArgumentException("Json.write: " + d + " has no JSON representation");
            }
            sb.append("null");
        } else if (style == Style.REPORT && d == Math.rint(d) && Math.abs(d) < 1e15) {
            sb.append((long) d);
        } else {
            sb.append(Double.toString(d));
        }
    }

    private static void writeString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    // ---------------------------------------------------------------- helpers for callers

    /** "object", "array", "string", "number", "boolean" or "null": for error messages. */
    public static String typeName(Object value) {
        return switch (value) {
            case null -> "null";
            case Map<?, ?> _ -> "object";
            case List<?> _ -> "array";
            case String _ -> "string";
            case Number _ -> "number";
            case Boolean _ -> "boolean";
            default -> value.getClass().getSimpleName();
        };
    }
}
