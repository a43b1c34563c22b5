package org.pplc.runtime.model;

import java.util.Locale;

/** What a finding does to the claim, weakest first so ordinal() compares strength. */
public enum Action {
    WARN, REVIEW, DENY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Action fromId(String id) {
        for (Action a : values()) if (a.id().equals(id)) return a;
        return null;
    }
}
