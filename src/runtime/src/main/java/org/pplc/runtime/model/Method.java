package org.pplc.runtime.model;

import java.util.Arrays;
import java.util.List;
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
    /** The ids an administration record may give, and those a code of the hierarchy may be written with. */
    private static final List<String> RECORD_IDS = Arrays.stream(ALL).map(Method::id).toList();
    private static final List<String> CODE_IDS = Arrays.stream(ALL).filter(Method::ofCodes).map(Method::id).toList();

    public String id() {
        return id;
    }

    /** A push or an infusion: the methods of IV (and intra-arterial) services, which have initial IV codes. */
    public boolean intravenous() {
        return this == PUSH || this == INFUSION;
    }

    /**
     * Where the method stands in the facility order of the initial service (AMA CPT, drug
     * administration guidelines: infusion > push > injection), 0 first; pump and refill after
     * them, since they are never the visit's initial IV service.
     */
    public int facilityOrder() {
        return switch (this) {
            case INFUSION -> 0;
            case PUSH -> 1;
            case INJECTION -> 2;
            case PUMP -> 3;
            case REFILL -> 4;
        };
    }

    /** Whether a code of the hierarchy may be written with this method (every one but a refill). */
    public boolean ofCodes() {
        return this != REFILL;
    }

    public static Method fromId(String id) {
        for (Method m : ALL) if (m.id.equals(id)) return m;
        return null;
    }

    /** Every method's id, as an administration record may give it: push, infusion, pump, injection, refill. */
    public static List<String> recordIds() {
        return RECORD_IDS;
    }

    /** The ids a code of the hierarchy may be written with (all but refill). */
    public static List<String> codeIds() {
        return CODE_IDS;
    }
}
