package org.pplc.compiler.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a policy sets after layering: for every key, the facts that set it from the lowest layer
 * up (the last one is in force; code and rule overrides merge their properties over the earlier).
 */
public final class Scope {
    private final LinkedHashMap<String, List<Fact>> facts;

    Scope(Scope parent) {
        this.facts = new LinkedHashMap<>();
        if (parent != null) parent.facts.forEach((k, v) -> facts.put(k, new ArrayList<>(v)));
    }

    boolean has(String key) {
        return facts.containsKey(key);
    }

    void add(Fact f) {
        facts.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(f);
    }

    /** The facts under a key, oldest first, or an empty list. */
    public List<Fact> history(String key) {
        List<Fact> h = facts.get(key);
        return h == null ? List.of() : Collections.unmodifiableList(h);
    }

    public Fact current(String key) {
        List<Fact> h = facts.get(key);
        return h == null ? null : h.get(h.size() - 1);
    }

    /** Every key in the order its first fact was set: core first, then each layer's additions. */
    public Map<String, List<Fact>> all() {
        return Collections.unmodifiableMap(facts);
    }
}
