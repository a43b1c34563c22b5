package org.pplc.runtime.model;

/** MUE adjudication indicator: 1 per claim line, 2 and 3 per date of service (policy, clinical). */
public enum Mai {
    PER_LINE(1, "per line"),
    PER_DAY_POLICY(2, "per day (policy)"),
    PER_DAY_CLINICAL(3, "per day (clinical)");

    private final int digit;
    private final String words;

    Mai(int digit, String words) {
        this.digit = digit;
        this.words = words;
    }

    public int digit() {
        return digit;
    }

    /** How the policy language writes it. */
    public String words() {
        return words;
    }

    /** Indicators 2 and 3 sum the units of every line of the code on the date of service. */
    public boolean perDateOfService() {
        return this != PER_LINE;
    }

    public static Mai fromDigit(int digit) {
        for (Mai m : values()) if (m.digit == digit) return m;
        return null;
    }
}
