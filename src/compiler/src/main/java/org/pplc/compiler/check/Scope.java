package org.pplc.compiler.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What a policy sets after layering: for every key, the facts that set it from the lowest layer
 * up (the last one is in force; code and rule overrides merge their properties over the earlier).
 *
 * <p>A scope is one layer over its parent's scope: it holds only its own facts and asks the
 * layers below for the rest. Copying the parent's facts instead cost every policy the size of
 * everything below it (a thousand payers re-copied the core and Medicare three thousand times);
 * chains are a few layers deep, so a lookup walks at most a handful of maps.
 */
public final class Scope {
    private final Scope parent;
    /** This layer's facts, one per key (a layer that sets a key twice is an error), in the order set. */
    private final LinkedHashMap<String, Fact> own = new LinkedHashMap<>();

    Scope(Scope parent) {
        this.parent = parent;
    }

    boolean has(String key) {
        for (Scope s = this; s != null; s = s.parent) if (s.own.containsKey(key)) return true;
        return false;
    }

    void add(Fact f) {
        own.put(f.key(), f);
    }

    /** The facts under a key, oldest first, or an empty list. */
    public List<Fact> history(String key) {
        Fact top = null;
        List<Fact> h = null;
        for (Scope s = this; s != null; s = s.parent) {
            Fact f = s.own.get(key);
            if (f == null) continue;
            if (top == null) {
                top = f;
            } else {
                if (h == null) h = new ArrayList<>(List.of(top));
                h.add(f);
            }
        }
        if (top == null) return List.of();
        if (h == null) return List.of(top); // most keys are set once: no list to build and reverse
        Collections.reverse(h);
        return Collections.unmodifiableList(h);
    }

    public Fact current(String key) {
        for (Scope s = this; s != null; s = s.parent) {
            Fact f = s.own.get(key);
            if (f != null) return f;
        }
        return null;
    }

    /**
     * Every key in the order its first fact was set: core first, then each layer's additions.
     * Built on each call (it walks every layer): for reports and error paths, not per fact.
     */
    public List<String> keys() {
        List<String> out = parent == null ? new ArrayList<>() : parent.keys();
        for (String k : own.keySet()) if (parent == null || !parent.has(k)) out.add(k);
        return out;
    }
}
