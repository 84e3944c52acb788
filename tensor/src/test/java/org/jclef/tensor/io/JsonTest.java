package org.jclef.tensor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void parsesEveryValueType() {
        Map<String, Object> o = Json.parseObject(
                " {\"a\": [1, -2, 3.5, -0.25e2, 1E3], \"b\": {\"c\": null}, \"t\": true, \"f\": false,"
                        + " \"s\": \"x\\\"y\\\\z\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"} \n", "test");
        assertEquals(List.of(1L, -2L, 3.5, -25.0, 1000.0), o.get("a"));
        assertTrue(((Map<?, ?>) o.get("b")).containsKey("c"));
        assertNull(((Map<?, ?>) o.get("b")).get("c"));
        assertEquals(Boolean.TRUE, o.get("t"));
        assertEquals(Boolean.FALSE, o.get("f"));
        assertEquals("x\"y\\z/\b\f\n\r\té\uD83D\uDE00", o.get("s"));
        assertEquals(List.of("a", "b", "t", "f", "s"), List.copyOf(o.keySet()), "insertion order kept");
    }

    @Test
    void integersKeepTheirExactValue() {
        assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807", "test"));
        assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808", "test"));
        assertEquals(new BigInteger("9223372036854775808"), Json.parse("9223372036854775808", "test"));
        assertEquals(0L, Json.parse("-0", "test"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "{", "[1, 2", "[1, 2,]", "{\"a\": 1,}", "{a: 1}", "{'a': 1}", "01", "-", "1.", ".5",
        "1e", "+1", "NaN", "Infinity", "-Infinity", "tru", "nul", "[1] [2]", "{\"a\" 1}", "\"abc",
        "\"a\\x\"", "\"\\u12G4\"", "\"\\u12\"", "// c\n1", "/* c */ 1", "[1 2]", "1e400", "\"tab\there\"",
        "{\"a\": 1, \"a\": 2}", "\u00a01"
    })
    void rejectsMalformedInput(String text) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text, "input.json"));
        assertTrue(e.getMessage().startsWith("input.json: "), e.getMessage());
    }

    @Test
    void duplicateKeysAreNamed() {
        JsonException e = assertThrows(JsonException.class,
                () -> Json.parse("{\"w\": 1, \"w\": 2}", "h"));
        assertTrue(e.getMessage().contains("duplicate key \"w\""), e.getMessage());
    }

    @Test
    void errorsGiveTheOffset() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("[1, 2, x]", "h"));
        assertEquals("h: unexpected 'x', expected a value at offset 7", e.getMessage());
    }

    @Test
    void deepNestingFailsCleanly() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(deep, "deep"));
        assertTrue(e.getMessage().contains("nesting deeper than"), e.getMessage());
        String allowed = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertTrue(Json.parse(allowed, "ok") instanceof List);
    }

    @Test
    void overlongNumbersFailCleanly() {
        String digits = "7".repeat(Json.MAX_NUMBER_LENGTH + 1);
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("[" + digits + "]", "n"));
        assertEquals("n: number at offset 1 is longer than 1000 characters", e.getMessage());
        assertEquals(new BigInteger(digits.substring(1)), Json.parse(digits.substring(1), "n"));
    }

    @Test
    void parseObjectRejectsOtherValues() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parseObject("[1]", "cfg"));
        assertEquals("cfg: expected a JSON object, found array", e.getMessage());
    }

    @Test
    void writeThenParseRoundTrips() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", "conv \"1\"\n\u0001é");
        o.put("shape", List.of(2L, 3L));
        o.put("scale", 0.1);
        o.put("small", -1.5e-300);
        o.put("whole", 2.0);
        o.put("ok", true);
        o.put("none", null);
        o.put("nested", Map.of("k", List.of()));
        String text = Json.write(o);
        assertEquals(o, Json.parse(text, "round trip"));
        assertTrue(text.contains("\\u0001"), text);
    }

    @Test
    void writeRejectsValuesJsonCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(Double.POSITIVE_INFINITY)));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, "x")));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new int[] {1}));
        assertEquals("[1,2]", Json.write(Arrays.asList(1, 2)));
    }
}
