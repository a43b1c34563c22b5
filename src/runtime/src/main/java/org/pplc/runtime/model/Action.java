package org.pplc.runtime.model;

import java.util.Locale;

/** What a finding does to the claim, weakest first so ordinal() compares strength. */
public enum Action {
    WARN, REVIEW, DENY;

    /** Lower-cased once: checks and engine output ask for it per statement and per finding. */
    private final String id = name().toLowerCase(Locale.ROOT);
    private static final Action[] ALL = values();

    public String id() {
        return id;
    }

    public static Action fromId(String id) {
        for (Action a : ALL) if (a.id.equals(id)) return a;
        return null;
    }
}
