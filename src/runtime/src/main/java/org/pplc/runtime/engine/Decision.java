package org.pplc.runtime.engine;

import org.pplc.runtime.model.Action;

import java.util.Locale;

/** What happens to a claim: the strongest action of its findings, {@code pass}, or {@code error} when it could not be evaluated. */
public enum Decision {
    PASS, WARN, REVIEW, DENY, ERROR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Decision of(Action action) {
        return switch (action) {
            case WARN -> WARN;
            case REVIEW -> REVIEW;
            case DENY -> DENY;
        };
    }
}
