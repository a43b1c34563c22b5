package org.pplc.runtime.engine;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TemplateTest {
    private static final Function<String, String> VALUES = Map.of("code", "96413", "units", "3", "cap", "1")::get;

    /** Fills through a template, and checks that Texts.fill (the reviewer documents' fill) agrees. */
    private static String fill(String text) {
        String filled = Template.fill(Template.of(text), VALUES);
        assertEquals(Texts.fill(text, VALUES), filled, text);
        return filled;
    }

    @Test
    void fillsKnownNamesAndKeepsTheRestAsWritten() {
        assertEquals("96413: 3 units over the MUE of 1", fill("{code}: {units} units over the MUE of {cap}"));
        assertEquals("96413 {payer} x", fill("{code} {payer} x"));
        assertEquals("no placeholders", fill("no placeholders"));
        assertEquals("", fill(""));
        assertEquals("9641396413", fill("{code}{code}"));
    }

    @Test
    void anOpenBraceWithoutCloseIsText() {
        assertEquals("96413 then {units", fill("{code} then {units"));
        assertEquals("{a{code}", fill("{a{code}")); // the name runs from the first '{' to the first '}'
        assertEquals("} 3 {", fill("} {units} {"));
    }

    @Test
    void nullStaysNull() {
        assertNull(Template.of(null));
        assertNull(Template.fill(null, VALUES));
    }
}
