package org.pplc.compiler.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a policy sets after layering: for every key, the facts that set it from the lowest layer
 * up (the last one is in force; code and rule overrides merge their properties over the earlier).
 *
 * <p>A scope is one layer over its parent's scope: it holds only its own facts and asks the
 * layers below for the rest. Copying the parent's facts instead cost every policy the size of
 * everything below it (a thousand payers re-copied the core and Medicare three thousand times);
 * chains are a few layers deep, so a lookup walks at most a handful of maps.
 *
 * <p>A scope that many layers build on (the Medicare baseline under every payer) is flattened
 * once into one map of the fact in force under each key, so that the lookups of the layers over
 * it stop there instead of walking the drug table and the core for every statement. A scope is
 * complete before any layer is built over it (parents are checked first), so the copy stays true.
 */
public final class Scope {
    /** Layers over a scope before it is flattened: payer policies have a plan or two, a baseline hundreds. */
    static final int FLATTEN_AT = 8;

    private final Scope parent;
    /** This layer's facts, one per key (a layer that sets a key twice is an error). */
    private final Map<FactKey, Fact> own;
    /** The same facts in the order set. */
    private final List<Fact> ownList;
    /** The fact in force under every key of this scope and the layers below, once flattened; else null. */
    private Map<FactKey, Fact> flat;
    /**
     * The names of this layer's codes and drugs (null while it has none), and once flattened of
     * every layer's: what a reference to a billable code asks, per statement, answered by one
     * probe of the name the checker shares instead of two keys made and looked up per layer.
     */
    private Map<String, Fact> billable;
    private int children;

    /** {@code expected}: about how many facts the layer sets, so that its map is made once at its size. */
    Scope(Scope parent, int expected) {
        this.parent = parent;
        this.own = new HashMap<>(Math.max(16, expected * 4 / 3 + 1));
        this.ownList = new ArrayList<>(Math.max(10, expected));
        if (parent != null && ++parent.children == FLATTEN_AT) parent.flatten();
    }

    private void flatten() {
        List<Scope> chain = new ArrayList<>();
        Scope s = this;
        for (; s != null && s.flat == null; s = s.parent) chain.add(s);
        int size = s == null ? 0 : s.flat.size();
        for (Scope c : chain) size += c.own.size();
        Map<FactKey, Fact> m = new HashMap<>(Math.max(16, size * 4 / 3 + 1));
        Map<String, Fact> names = new HashMap<>();
        if (s != null) {
            m.putAll(s.flat);
            names.putAll(s.billable);
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            m.putAll(chain.get(i).own);
            if (chain.get(i).billable != null) names.putAll(chain.get(i).billable);
        }
        flat = m;
        billable = names;
    }

    boolean has(FactKey key) {
        return current(key) != null;
    }

    /** This layer's own fact under a key, or null. */
    Fact own(FactKey key) {
        return own.get(key);
    }

    void add(Fact f) {
        own.put(f.key(), f);
        ownList.add(f);
        FactKey.Kind kind = f.key().kind();
        if (kind == FactKey.Kind.CODE || kind == FactKey.Kind.DRUG) {
            if (billable == null) billable = new HashMap<>();
            billable.put(f.key().name(), f);
        }
    }

    /** Whether a code or drug of this name is defined in this layer or one below. */
    boolean billable(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.flat != null) return s.billable.containsKey(name);
            if (s.billable != null && s.billable.containsKey(name)) return true;
        }
        return false;
    }

    /** This layer's facts in the order set. */
    List<Fact> ownFacts() {
        return ownList;
    }

    /** The facts under a key, oldest first, or an empty list. */
    public List<Fact> history(FactKey key) {
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

    /** The fact in force under a key, or null. */
    public Fact current(FactKey key) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.flat != null) return s.flat.get(key);
            Fact f = s.own.get(key);
            if (f != null) return f;
        }
        return null;
    }

    /**
     * Every key in the order its first fact was set: core first, then each layer's additions.
     * Built on each call (it walks every layer): for reports and error paths, not per fact.
     */
    public List<FactKey> keys() {
        List<FactKey> out = parent == null ? new ArrayList<>() : parent.keys();
        for (Fact f : ownList) if (parent == null || !parent.has(f.key())) out.add(f.key());
        return out;
    }
}
