package org.pplc.runtime.model;

import java.util.Locale;

/** How a drug went in. */
public enum Method {
    PUSH, INFUSION, PUMP, INJECTION;

    /** Lower-cased once: checks and engine output ask for it per statement and per finding. */
    private final String id = name().toLowerCase(Locale.ROOT);
    private static final Method[] ALL = values();

    public String id() {
        return id;
    }

    public static Method fromId(String id) {
        for (Method m : ALL) if (m.id.equals(id)) return m;
        return null;
    }
}
