package org.pplc.runtime.policy;

import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * An unmodifiable list that is a layer over a base list: some of the base's elements replaced in
 * place (by identity) and some appended. The list a flattened policy would hold, at the cost of
 * the layer's own elements.
 */
final class LayeredList<T> extends AbstractList<T> implements RandomAccess {
    private final List<T> base;
    private final Map<Object, Object> replaced;
    private final List<T> added;

    private LayeredList(List<T> base, Map<Object, Object> replaced, List<T> added) {
        this.base = base;
        this.replaced = replaced;
        this.added = added;
    }

    /**
     * The base itself when the layer changes none of it. {@code replaced} maps base elements to
     * their replacements, by identity.
     */
    static <T> List<T> over(List<T> base, Map<Object, Object> replaced, List<T> added) {
        if (replaced.isEmpty() && added.isEmpty()) return base;
        return new LayeredList<>(base, replaced.isEmpty() ? Map.of() : replaced, List.copyOf(added));
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int i) {
        int n = base.size();
        if (i < n) {
            T t = base.get(i);
            if (replaced.isEmpty()) return t;
            Object r = replaced.get(t);
            return r == null ? t : (T) r;
        }
        return added.get(i - n);
    }

    @Override
    public int size() {
        return base.size() + added.size();
    }
}
