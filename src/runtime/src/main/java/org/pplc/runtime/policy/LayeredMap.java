package org.pplc.runtime.policy;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An unmodifiable map that is a layer over a base map: a few entries of its own, replacing the
 * base's value under the same key or adding keys, and the base for the rest. Iterates like the
 * flattened map would: the base's order with replaced values in place, then the added keys.
 * Policies layer a few rules over thousands; a view costs the few, a copy the thousands.
 */
final class LayeredMap<K, V> extends AbstractMap<K, V> {
    private final Map<K, V> base;
    private final Map<K, V> replaced;
    private final Map<K, V> added;

    private LayeredMap(Map<K, V> base, Map<K, V> replaced, Map<K, V> added) {
        this.base = base;
        this.replaced = replaced;
        this.added = added;
    }

    /** The base itself when the layer adds nothing; values must not be null. */
    static <K, V> Map<K, V> over(Map<K, V> base, Map<K, V> own) {
        if (own.isEmpty()) return base;
        // Split into two arrays each and freeze those: no intermediate maps to fill and copy.
        int n = own.size();
        Object[] replacedKeys = null, replacedValues = null;
        Object[] addedKeys = new Object[n], addedValues = new Object[n];
        int r = 0, a = 0;
        for (Map.Entry<K, V> e : own.entrySet()) {
            K k = e.getKey();
            V v = java.util.Objects.requireNonNull(e.getValue());
            if (base.containsKey(k)) {
                if (replacedKeys == null) {
                    replacedKeys = new Object[n];
                    replacedValues = new Object[n];
                }
                replacedKeys[r] = k;
                replacedValues[r++] = v;
            } else {
                addedKeys[a] = k;
                addedValues[a++] = v;
            }
        }
        return new LayeredMap<>(base, FrozenMap.of(replacedKeys, replacedValues, r), FrozenMap.of(addedKeys, addedValues, a));
    }

    @Override
    public V get(Object key) {
        V v = replaced.get(key);
        if (v != null) return v;
        v = added.get(key);
        return v != null ? v : base.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return added.containsKey(key) || base.containsKey(key);
    }

    @Override
    public int size() {
        return base.size() + added.size();
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<K, V>> iterator() {
                return new Iterator<>() {
                    private final Iterator<Entry<K, V>> below = base.entrySet().iterator();
                    private final Iterator<Entry<K, V>> mine = added.entrySet().iterator();

                    @Override
                    public boolean hasNext() {
                        return below.hasNext() || mine.hasNext();
                    }

                    @Override
                    public Entry<K, V> next() {
                        if (below.hasNext()) {
                            Entry<K, V> e = below.next();
                            V v = replaced.isEmpty() ? null : replaced.get(e.getKey());
                            return v == null ? e : new SimpleImmutableEntry<>(e.getKey(), v);
                        }
                        if (!mine.hasNext()) throw new NoSuchElementException();
                        return new SimpleImmutableEntry<>(mine.next());
                    }
                };
            }

            @Override
            public int size() {
                return LayeredMap.this.size();
            }
        };
    }
}
