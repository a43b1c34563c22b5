package org.pplc.runtime.model;

import java.time.LocalDate;

/**
 * The calendar quarter of a CMS quarterly table (the MUE tables): CMS replaces the table every
 * quarter, so a fact taken from it is current from the quarter's first day to its last. Written
 * {@code 2024Q3} in the policy language and the bundle.
 */
public record TableQuarter(int year, int quarter) {
    public TableQuarter {
        if (quarter < 1 || quarter > 4) throw new IllegalArgumentException("quarter " + quarter + " is not 1 to 4");
        if (year < 1900 || year > 9999) throw new IllegalArgumentException("year " + year + " is out of range");
    }

    /** The quarter written {@code YYYYQn} (2024Q3), or null when the text is not one. */
    public static TableQuarter parse(String text) {
        if (text == null || text.length() != 6 || text.charAt(4) != 'Q') return null;
        for (int k = 0; k < 4; k++) if (!Character.isDigit(text.charAt(k))) return null;
        char q = text.charAt(5);
        if (q < '1' || q > '4') return null;
        int year = Integer.parseInt(text.substring(0, 4));
        return year < 1900 ? null : new TableQuarter(year, q - '0');
    }

    /** The quarter a date falls in. */
    public static TableQuarter of(LocalDate date) {
        return new TableQuarter(date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
    }

    public LocalDate firstDay() {
        return LocalDate.of(year, 3 * quarter - 2, 1);
    }

    public LocalDate lastDay() {
        return firstDay().plusMonths(3).minusDays(1);
    }

    @Override
    public String toString() {
        return year + "Q" + quarter;
    }
}
