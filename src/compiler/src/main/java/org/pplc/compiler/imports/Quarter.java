package org.pplc.compiler.imports;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A CMS release quarter, written 2024Q3; CMS publishes the MUE and add-on tables quarterly. */
public record Quarter(int year, int quarter) {
    private static final Pattern WRITTEN = Pattern.compile("(\\d{4})[ _-]?Q([1-4])", Pattern.CASE_INSENSITIVE);
    // CMS names the MUE files after their effective date, e.g. ..._Eff_07-01-2024.csv
    private static final Pattern EFFECTIVE = Pattern.compile("(?<!\\d)(0[1-9]|1[0-2])[-_.](0[1-9]|[12]\\d|3[01])[-_.](\\d{4})(?!\\d)");

    public Quarter {
        if (quarter < 1 || quarter > 4) throw new IllegalArgumentException("quarter " + quarter + " is not 1-4");
    }

    /** Parses 2024Q3 (also 2024-Q3, 2024q3). */
    public static Quarter parse(String text) {
        Matcher m = WRITTEN.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a quarter (write it like 2024Q3)");
        }
        return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The quarter a CMS file name states: 2024Q3 in it, or an effective date such as 07-01-2024. */
    public static Optional<Quarter> inferFrom(String fileName) {
        Matcher q = WRITTEN.matcher(fileName);
        if (q.find()) return Optional.of(new Quarter(Integer.parseInt(q.group(1)), Integer.parseInt(q.group(2))));
        Matcher d = EFFECTIVE.matcher(fileName);
        if (d.find()) {
            int month = Integer.parseInt(d.group(1));
            return Optional.of(new Quarter(Integer.parseInt(d.group(3)), (month - 1) / 3 + 1));
        }
        return Optional.empty();
    }

    /** The day the quarter's tables take effect. */
    public LocalDate firstDay() {
        return LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%04dQ%d", year, quarter);
    }
}
