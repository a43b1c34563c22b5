package org.pplc.compiler.imports;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatesTest {
    @Test
    void julianDatesAreYearAndDayOfYear() {
        assertEquals(LocalDate.of(2024, 7, 1), JulianDate.parse("2024183"));
        assertEquals(LocalDate.of(2024, 12, 31), JulianDate.parse("2024366"), "leap year");
        assertEquals(LocalDate.of(2023, 12, 31), JulianDate.parse("2023365"));
        assertEquals("2024183", JulianDate.format(LocalDate.of(2024, 7, 1)));
        assertEquals("'2023366' is not a Julian date: day 366 of 2023 (a day of the year runs from 001 to 365)",
                assertThrows(IllegalArgumentException.class, () -> JulianDate.parse("2023366")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> JulianDate.parse("2024000"));
        assertThrows(IllegalArgumentException.class, () -> JulianDate.parse("20240701"));
        assertThrows(IllegalArgumentException.class, () -> JulianDate.parse("07/01/24"));
    }

    @Test
    void quartersAreWrittenOrReadFromCmsFileNames() {
        assertEquals(new Quarter(2024, 3), Quarter.parse("2024Q3"));
        assertEquals(new Quarter(2024, 3), Quarter.parse("2024-q3"));
        assertEquals("2024Q3", new Quarter(2024, 3).toString());
        assertEquals(LocalDate.of(2024, 7, 1), new Quarter(2024, 3).firstDay());
        assertEquals(Optional.of(new Quarter(2024, 4)), Quarter.inferFrom("MCR_MUE_PractitionerServices_Eff_10-01-2024.csv"));
        assertEquals(Optional.of(new Quarter(2025, 1)), Quarter.inferFrom("AOC_V2025Q1-MCR.csv"));
        assertEquals(Optional.empty(), Quarter.inferFrom("mue.csv"));
        assertThrows(IllegalArgumentException.class, () -> Quarter.parse("2024Q5"));
        assertThrows(IllegalArgumentException.class, () -> Quarter.parse("Q3"));
    }
}
