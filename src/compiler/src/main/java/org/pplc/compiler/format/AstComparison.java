package org.pplc.compiler.format;

import org.pplc.compiler.diag.Span;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Structural equality of two ASTs with every {@link Span} ignored: the formatter moves text
 * around, so positions change, but nothing a policy means may. Walks record components
 * reflectively so a node kind added to the AST later is compared without touching this class.
 */
public final class AstComparison {
    private AstComparison() {
    }

    /** The first place the two trees differ, as a path such as {@code declarations[1].items[4].definition.caps[0].cap}; empty when they are the same. */
    public static Optional<String> firstDifference(Object a, Object b) {
        return diff("", a, b);
    }

    public static boolean sameStructure(Object a, Object b) {
        return firstDifference(a, b).isEmpty();
    }

    private static Optional<String> diff(String path, Object a, Object b) {
        String where = path.isEmpty() ? "file" : path;
        if (a == null || b == null) {
            return a == b ? Optional.empty() : Optional.of(where + ": " + show(a) + " against " + show(b));
        }
        if (a instanceof Span && b instanceof Span) return Optional.empty();
        if (a.getClass() != b.getClass()) {
            return Optional.of(where + ": " + a.getClass().getSimpleName() + " against " + b.getClass().getSimpleName());
        }
        if (a instanceof List<?> la) {
            List<?> lb = (List<?>) b;
            if (la.size() != lb.size()) {
                return Optional.of(where + ": " + la.size() + " entries against " + lb.size());
            }
            for (int i = 0; i < la.size(); i++) {
                Optional<String> d = diff(path + "[" + i + "]", la.get(i), lb.get(i));
                if (d.isPresent()) return d;
            }
            return Optional.empty();
        }
        if (a.getClass().isRecord()) {
            for (RecordComponent rc : a.getClass().getRecordComponents()) {
                if (rc.getType() == Span.class) continue;
                Optional<String> d = diff(path.isEmpty() ? rc.getName() : path + "." + rc.getName(), get(rc, a), get(rc, b));
                if (d.isPresent()) return d;
            }
            return Optional.empty();
        }
        return Objects.equals(a, b) ? Optional.empty() : Optional.of(where + ": " + show(a) + " against " + show(b));
    }

    private static Object get(RecordComponent rc, Object record) {
        try {
            return rc.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + rc.getName() + " of " + record.getClass().getSimpleName(), e);
        }
    }

    private static String show(Object o) {
        if (o == null) return "nothing";
        if (o instanceof String s) return "\"" + s + "\"";
        if (o.getClass().isRecord()) return o.getClass().getSimpleName();
        return String.valueOf(o);
    }
}
