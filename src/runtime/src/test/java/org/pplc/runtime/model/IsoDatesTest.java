package org.pplc.runtime.model;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class IsoDatesTest {
    /** Issue 18: LocalDate.parse takes +10000-01-01; the contract's YYYY-MM-DD does not. */
    @Test
    void aYearOfOtherThanFourDigitsIsNotADate() {
        for (String s : new String[] {"+10000-01-01", "-0001-01-01", "+2026-03-02", "10000-01-01", "999-01-01",
                "2026-3-02", "2026-03-2", "２０２６-03-02", "2026-02-30", "2026-13-01", "2026-03-02 ", "", "2026/03/02"}) {
            assertNull(IsoDates.date(s), s);
        }
        assertNull(IsoDates.dateTime("+10000-04-07T09:00"));
        assertNull(IsoDates.dateTime("2026-04-07 09:00"));
        assertNull(IsoDates.dateTime("2026-04-07T9:00"));
        assertNull(IsoDates.dateTime("2026-04-07T24:00"));
        assertEquals(LocalDateTime.of(2026, 4, 7, 9, 0), IsoDates.dateTime("2026-04-07T09:00"));
        assertEquals(LocalDateTime.of(2026, 4, 7, 9, 0, 30), IsoDates.dateTime("2026-04-07T09:00:30"));
    }

    /** Generated: every text LocalDate.parse reads with a four-digit year reads the same, and nothing else. */
    @Test
    void agreesWithTheIsoParserOnFourDigitYears() {
        Random random = new Random(18);
        String digits = "0123456789-+T";
        for (int i = 0; i < 200_000; i++) {
            String s;
            if (i % 2 == 0) {
                s = String.format(java.util.Locale.ROOT, "%04d-%02d-%02d", random.nextInt(10_000), random.nextInt(14), random.nextInt(33));
            } else {
                StringBuilder b = new StringBuilder();
                for (int k = random.nextInt(13); k > 0; k--) b.append(digits.charAt(random.nextInt(digits.length())));
                s = b.toString();
            }
            LocalDate expected;
            try {
                expected = s.length() == 10 && Character.isDigit(s.charAt(0)) ? LocalDate.parse(s) : null;
            } catch (DateTimeParseException e) {
                expected = null;
            }
            assertEquals(expected, IsoDates.date(s), s);
        }
    }
}
