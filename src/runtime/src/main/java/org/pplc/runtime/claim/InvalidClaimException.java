package org.pplc.runtime.claim;

import java.util.List;
import java.util.Objects;

/**
 * A claim (or a line, authorization or administration of one) that breaks the claim schema of
 * CONTRACT.md, refused where it is built. Every problem names its field the way the JSON reader
 * names it, e.g. {@code lines[2].units: must be at least 1, got 0}; the message lists them all,
 * so a caller fixes them in one go.
 */
public final class InvalidClaimException extends IllegalArgumentException {
    private final transient List<Problem> problems;

    /**
     * One broken field.
     *
     * @param field   the path of the field, as the JSON reader names it ({@code lines[2].units}); empty
     *                for the object as a whole
     * @param message what is wrong with it, e.g. {@code must be at least 1, got 0}
     */
    public record Problem(String field, String message) {
        public Problem {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }

        /** {@code field: message}, or the message alone for the object as a whole. */
        @Override
        public String toString() {
            return field.isEmpty() ? message : field + ": " + message;
        }
    }

    public InvalidClaimException(List<Problem> problems) {
        super(joined(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in field order. */
    public List<Problem> problems() {
        return problems;
    }

    /** The path of the first broken field, e.g. {@code lines[2].units}. */
    public String field() {
        return problems.get(0).field();
    }

    private static String joined(List<Problem> problems) {
        if (problems.isEmpty()) throw new IllegalArgumentException("an invalid claim has at least one problem");
        StringBuilder b = new StringBuilder();
        for (Problem p : problems) {
            if (!b.isEmpty()) b.append("; ");
            b.append(p);
        }
        return b.toString();
    }
}
