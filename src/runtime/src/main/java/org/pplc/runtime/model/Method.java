package org.pplc.runtime.model;

import java.util.Locale;

/** How a drug went in, as a code of the hierarchy and an administration record say it. */
public enum Method {
    PUSH, INFUSION, PUMP, INJECTION,
    /**
     * Administration records only: the visit refilled or maintained a pump already in place. No code
     * is written with it; the hierarchy bills it under the pump's codes ({@code method pump},
     * {@code role refill}), so a refill is never taken for a pump start or an IV service.
     */
    REFILL;

    /** Lower-cased once: checks and engine output ask for it per statement and per finding. */
    private final String id = name().toLowerCase(Locale.ROOT);
    private static final Method[] ALL = values();

    public String id() {
        return id;
    }

    /** Whether a code of the hierarchy may be written with this method (every one but a refill). */
    public boolean ofCodes() {
        return this != REFILL;
    }

    public static Method fromId(String id) {
        for (Method m : ALL) if (m.id.equals(id)) return m;
        return null;
    }

    /** The methods an administration record may give, as messages list them: "push, infusion, ... or refill". */
    public static String recordWords() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ALL.length; i++) {
            b.append(i == 0 ? "" : i == ALL.length - 1 ? " or " : ", ").append(ALL[i].id);
        }
        return b.toString();
    }
}
