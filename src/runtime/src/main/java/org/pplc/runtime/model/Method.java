package org.pplc.runtime.model;

import java.util.Locale;

/** How a drug went in. */
public enum Method {
    PUSH, INFUSION, PUMP, INJECTION;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Method fromId(String id) {
        for (Method m : values()) if (m.id().equals(id)) return m;
        return null;
    }
}
