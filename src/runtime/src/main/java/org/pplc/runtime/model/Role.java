package org.pplc.runtime.model;

import java.util.Locale;

/**
 * What a code stands for within its family and method: derive picks codes by
 * (family, method, role), so the hierarchy, not Java, decides which code is which.
 */
public enum Role {
    /** The first service of the family and method: 96413, 96409, 96365, 96360, 96401... */
    INITIAL("initial"),
    /** Each additional hour of the same infusion: 96415, 96366, 96361. */
    ADDITIONAL_HOUR("additional-hour"),
    /** A new drug after the previous one finished: 96417, 96411, 96367, 96375. */
    SEQUENTIAL("sequential"),
    /** A drug running at the same time as another: 96368. */
    CONCURRENT("concurrent"),
    /** The same drug pushed again: 96376. */
    REPEAT("repeat"),
    /** Start of a prolonged infusion on a pump: 96416. */
    PUMP_START("pump-start"),
    /** Refilling or maintaining a pump: 96521. */
    REFILL("refill");

    private final String id;
    private static final Role[] ALL = values();

    Role(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Role fromId(String id) {
        for (Role r : ALL) if (r.id.equals(id)) return r;
        return null;
    }

    public static String ids() {
        StringBuilder b = new StringBuilder();
        for (Role r : values()) b.append(b.length() == 0 ? "" : ", ").append(r.id);
        return b.toString();
    }
}
