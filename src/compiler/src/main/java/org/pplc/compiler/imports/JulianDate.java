package org.pplc.compiler.imports;

import java.time.LocalDate;
import java.time.Year;

/** The CMS edit files' Julian dates: YYYYDDD, the year and the day of that year (001-365, or 366 in a leap year). */
public final class JulianDate {
    private JulianDate() {
    }

    /**
     * The calendar date of a YYYYDDD text.
     *
     * @throws IllegalArgumentException with a user-facing reason when the text is not a valid Julian date
     */
    public static LocalDate parse(String text) {
        String t = text.strip();
        if (!t.matches("[0-9]{7}")) {
            throw new IllegalArgumentException("'" + t + "' is not a Julian date (YYYYDDD, e.g. 2024183)");
        }
        int year = Integer.parseInt(t.substring(0, 4));
        int day = Integer.parseInt(t.substring(4));
        int days = Year.isLeap(year) ? 366 : 365;
        if (year < 1900 || day < 1 || day > days) {
            throw new IllegalArgumentException("'" + t + "' is not a Julian date: day " + day + " of " + year
                    + " (a day of the year runs from 001 to " + days + ")");
        }
        return LocalDate.ofYearDay(year, day);
    }

    public static String format(LocalDate date) {
        return String.format(java.util.Locale.ROOT, "%04d%03d", date.getYear(), date.getDayOfYear());
    }
}
