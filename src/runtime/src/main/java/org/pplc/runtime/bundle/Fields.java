package org.pplc.runtime.bundle;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
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

    private final Map<String, Object> node;
    // where the object sits, kept as parts: the path is only spelled out for an error message
    private final Fields parent;
    private final String name;
    private final int index;

    private Fields(Map<String, Object> node, Fields parent, String name, int index) {
        this.node = node;
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    /** The body of a bundle: paths are spelled from here. */
    static Fields root(Object node) {
        return of(node, null, null, -1);
    }

    @SuppressWarnings("unchecked")
    private static Fields of(Object node, Fields parent, String name, int index) {
        if (!(node instanceof Map<?, ?> m)) {
            String path = parent == null ? "" : parent.child(name) + (index < 0 ? "" : "[" + index + "]");
            throw new Damage(at(path) + " should be an object but is " + kind(node));
        }
        return new Fields((Map<String, Object>) m, parent, name, index);
    }

    /** E.g. {@code policies[2].meta}; empty for the body itself. */
    String path() {
        if (parent == null) return "";
        return parent.child(name) + (index < 0 ? "" : "[" + index + "]");
    }

    /** The field's value, null for an explicit null; a missing field is damage. */
    private Object field(String name) {
        Object v = node.get(name);
        if (v == null && !node.containsKey(name)) throw new Damage("missing field '" + name + "' in " + where(path()));
        return v;
    }

    /** Whether the field is there (a field a newer format version added: an older bundle lacks it). */
    boolean has(String name) {
        return node.containsKey(name);
    }

    private String child(String name) {
        String path = path();
        return path.isEmpty() ? name : path + "." + name;
    }

    private Damage wrong(String name, String expected, Object actual) {
        return new Damage(at(child(name)) + " should be " + expected + " but is " + kind(actual));
    }

    /** A string or null. */
    String string(String name) {
        Object v = field(name);
        if (v == null) return null;
        if (!(v instanceof String t)) throw wrong(name, "a string", v);
        return t;
    }

    /** A string that may not be null (ids, codes). */
    String requiredString(String name) {
        String s = string(name);
        if (s == null) throw wrong(name, "a string", field(name));
        return s;
    }

    int integer(String name) {
        if (!(field(name) instanceof Integer i)) throw wrong(name, "a whole number", field(name));
        return i;
    }

    /** A whole number or null. */
    Integer optionalInteger(String name) {
        Object v = field(name);
        if (v == null) return null;
        if (!(v instanceof Integer i)) throw wrong(name, "a whole number", v);
        return i;
    }

    boolean bool(String name) {
        if (!(field(name) instanceof Boolean b)) throw wrong(name, "true or false", field(name));
        return b;
    }

    LocalDate date(String name) {
        String s = string(name);
        if (s == null) return null;
        LocalDate date = org.pplc.runtime.model.IsoDates.date(s);
        if (date == null) throw new Damage(at(child(name)) + " should be a date (YYYY-MM-DD) but is '" + s + "'");
        return date;
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
        Object v = field(name);
        if (v == null) return null;
        return of(v, this, name, -1);
    }

    List<String> strings(String name) {
        List<?> v = array(name);
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            if (!(v.get(i) instanceof String e)) {
                throw new Damage(at(child(name) + "[" + i + "]") + " should be a string but is " + kind(v.get(i)));
            }
            out.add(e);
        }
        return out;
    }

    /** A list of indexes into a list of {@code size} facts ({@code facts.<name>}). */
    int[] indexes(String name, int size) {
        List<?> v = array(name);
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(v.get(i) instanceof Integer e)) {
                throw new Damage(at(child(name) + "[" + i + "]") + " should be a whole number but is " + kind(v.get(i)));
            }
            if (e < 0 || e >= size) {
                throw new Damage(at(child(name) + "[" + i + "]") + " refers to fact " + e + ", but facts." + name
                        + " has " + size);
            }
            out[i] = e;
        }
        return out;
    }

    private List<?> array(String name) {
        if (!(field(name) instanceof List<?> l)) throw wrong(name, "a list", field(name));
        return l;
    }

    <T> List<T> list(String name, Function<Fields, T> read) {
        List<?> v = array(name);
        List<T> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) out.add(read.apply(of(v.get(i), this, name, i)));
        return out;
    }

    private static String at(String path) {
        return path.isEmpty() ? "the bundle" : "field '" + path + "'";
    }

    private static String where(String path) {
        return path.isEmpty() ? "the bundle" : "'" + path + "'";
    }

    private static String kind(Object n) {
        if (n == null) return "null";
        if (n instanceof String s) return "the string '" + abbreviate(s) + "'";
        if (n instanceof Number x) return "the number " + (x instanceof java.math.BigDecimal d ? d.toPlainString() : x);
        if (n instanceof Boolean b) return b.toString();
        if (n instanceof List<?>) return "a list";
        return "an object";
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
