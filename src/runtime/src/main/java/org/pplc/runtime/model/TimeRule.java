package org.pplc.runtime.model;

/** One of the time rules of the hierarchy. */
public record TimeRule(Kind kind, int amount, Provenance provenance) {
    /**
     * The family 'pump after' speaks of: its pump start (96416) is a prolonged infusion. Other
     * families' pump codes have no such length (96369 starts a subcutaneous infusion of any length).
     */
    public static final String PUMP_AFTER_FAMILY = "chemo";

    public enum Kind {
        /** An infusion of this many minutes or less is a push. */
        PUSH_UP_TO_MINUTES,
        /** An additional hour counts only for more than this many minutes beyond the last full hour. */
        ADDITIONAL_HOUR_AFTER_MINUTES,
        /** Hydration must run more than this many minutes to be reported at all. */
        HYDRATION_AFTER_MINUTES,
        /** A pump infusion is a prolonged one (a pump start) only when it runs more than this many minutes. */
        PUMP_AFTER_MINUTES
    }
}
