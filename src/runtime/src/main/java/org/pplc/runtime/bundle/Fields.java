package org.pplc.runtime.bundle;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One JSON object of a bundle and where it sits (e.g. {@code policies[2].codes.96413.provenance}),
 * so that every complaint about a field names the field. Every field must be present; the
 * model's nullable fields may be an explicit null.
 */
final class Fields {
    /** Damage found while reading; the reader adds the bundle's name. */
    static final class Damage extends RuntimeException {
        Damage(String message) {
            super(message, null, false, false);
        }
    }

    private final JsonNode node;
    private final String path;

    private Fields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static Fields of(JsonNode node, String path) {
        if (node == null || !node.isObject()) throw new Damage(at(path) + " should be an object but is " + kind(node));
        return new Fields(node, path);
    }

    String path() {
        return path;
    }

    private JsonNode field(String name) {
        JsonNode v = node.get(name);
        if (v == null) throw new Damage("missing field '" + name + "' in " + where(path));
        return v;
    }

    private String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private Damage wrong(String name, String expected, JsonNode actual) {
        return new Damage(at(child(name)) + " should be " + expected + " but is " + kind(actual));
    }

    /** A string or null. */
    String string(String name) {
        JsonNode v = field(name);
        if (v.isNull()) return null;
        if (!v.isTextual()) throw wrong(name, "a string", v);
        return v.textValue();
    }

    /** A string that may not be null (ids, codes). */
    String requiredString(String name) {
        String s = string(name);
        if (s == null) throw wrong(name, "a string", field(name));
        return s;
    }

    int integer(String name) {
        JsonNode v = field(name);
        if (!v.isInt()) throw wrong(name, "a whole number", v);
        return v.intValue();
    }

    /** A whole number or null. */
    Integer optionalInteger(String name) {
        JsonNode v = field(name);
        if (v.isNull()) return null;
        if (!v.isInt()) throw wrong(name, "a whole number", v);
        return v.intValue();
    }

    boolean bool(String name) {
        JsonNode v = field(name);
        if (!v.isBoolean()) throw wrong(name, "true or false", v);
        return v.booleanValue();
    }

    LocalDate date(String name) {
        String s = string(name);
        if (s == null) return null;
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new Damage(at(child(name)) + " should be a date (YYYY-MM-DD) but is '" + s + "'");
        }
    }

    BigDecimal decimal(String name) {
        String s = string(name);
        if (s == null) return null;
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new Damage(at(child(name)) + " should be a decimal number but is '" + s + "'");
        }
    }

    /** An enum spelled by its id; {@code parse} returns null for an unknown id. */
    <E> E choice(String name, Function<String, E> parse, List<String> ids) {
        String s = string(name);
        if (s == null) return null;
        E e = parse.apply(s);
        if (e == null) throw new Damage(at(child(name)) + " is '" + s + "', expected one of " + String.join(", ", ids));
        return e;
    }

    /** A nested object, or null. */
    Fields object(String name) {
        JsonNode v = field(name);
        if (v.isNull()) return null;
        return of(v, child(name));
    }

    List<String> strings(String name) {
        JsonNode v = field(name);
        if (!v.isArray()) throw wrong(name, "a list", v);
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual()) throw new Damage(at(child(name) + "[" + i + "]") + " should be a string but is " + kind(e));
            out.add(e.textValue());
        }
        return out;
    }

    <T> List<T> list(String name, Function<Fields, T> read) {
        JsonNode v = field(name);
        if (!v.isArray()) throw wrong(name, "a list", v);
        List<T> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) out.add(read.apply(of(v.get(i), child(name) + "[" + i + "]")));
        return out;
    }

    /** A JSON object read into a map in the file's order (the source order the writer kept). */
    <K, V> Map<K, V> map(String name, Function<String, K> key, Function<Fields, V> read) {
        JsonNode v = field(name);
        if (!v.isObject()) throw wrong(name, "an object", v);
        Map<K, V> out = new LinkedHashMap<>();
        var it = v.fields();
        while (it.hasNext()) {
            var e = it.next();
            String where = child(name) + "." + e.getKey();
            K k = key.apply(e.getKey());
            if (k == null) throw new Damage(at(where) + ": '" + e.getKey() + "' is not a valid key here");
            out.put(k, read.apply(of(e.getValue(), where)));
        }
        return out;
    }

    private static String at(String path) {
        return path.isEmpty() ? "the bundle" : "field '" + path + "'";
    }

    private static String where(String path) {
        return path.isEmpty() ? "the bundle" : "'" + path + "'";
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) return "missing";
        if (n.isNull()) return "null";
        if (n.isTextual()) return "the string '" + abbreviate(n.textValue()) + "'";
        if (n.isNumber()) return "the number " + n.asText();
        if (n.isBoolean()) return n.asText();
        if (n.isArray()) return "a list";
        return "an object";
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
