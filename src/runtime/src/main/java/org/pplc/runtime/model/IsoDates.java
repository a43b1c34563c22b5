package org.pplc.runtime.model;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * The one reading of dates in pplc's inputs (claims, visits, policy tests, policies, bundles,
 * command options): CONTRACT.md's {@code YYYY-MM-DD}, with exactly four year digits.
 * {@code LocalDate.parse} alone also takes a signed year of five or more digits ({@code +10000-01-01}),
 * which no claim or policy means (issue 18).
 */
public final class IsoDates {
    private IsoDates() {
    }

    /** The calendar date written {@code YYYY-MM-DD} in ASCII digits, or null for any other text or a date that does not exist. */
    public static LocalDate date(String s) {
        if (s == null || s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') return null;
        int y = digits(s, 0, 4), m = digits(s, 5, 7), d = digits(s, 8, 10);
        if (y < 0 || m < 0 || d < 0) return null;
        try {
            return LocalDate.of(y, m, d); // rejects exactly what LocalDate.parse's strict resolver rejects
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A local date-time {@code YYYY-MM-DDThh:mm} (seconds and their fraction optional), or null. */
    public static LocalDateTime dateTime(String s) {
        if (s == null || s.length() < 16 || s.charAt(10) != 'T') return null;
        LocalDate date = date(s.substring(0, 10));
        if (date == null) return null;
        try {
            return LocalDateTime.of(date, LocalTime.parse(s.substring(11)));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The ASCII digits s[from, to) as a number, or -1 when one is not a digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
