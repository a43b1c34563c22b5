package org.pplc.docs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Templates cannot reach reflection, class loaders or the runtime; values are escaped on insertion. */
class SandboxTest {
    private final Templates html = new Templates(Escape.Format.HTML);

    @Test
    void reflectionFromATemplateIsRefused() {
        Map<String, Object> model = Map.of("x", "text", "list", List.of("a"));
        // the secure uberspector finds no getClass chain: strict mode turns the refused call into an error
        assertThrows(RuntimeException.class, () -> html.evaluate("$x.getClass().forName('java.lang.Runtime')", model));
        assertThrows(RuntimeException.class, () -> html.evaluate("$list.getClass().getClassLoader()", model));
        assertThrows(RuntimeException.class, () -> html.evaluate("$x.getClass().getDeclaredFields()", model));
        assertThrows(RuntimeException.class, () -> html.evaluate("$x.getClass().getMethods()", model));
    }

    @Test
    void everyInsertedValueIsEscapedForItsFormat() {
        Map<String, Object> model = Map.of("t", "<b>&\"x\"</b>");
        assertEquals("<p>&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;</p>", html.evaluate("<p>$t</p>", model));
        Templates md = new Templates(Escape.Format.MARKDOWN);
        assertEquals("| \\<b\\>\\&\"x\"\\</b\\> |", md.evaluate("| $t |", model));
        assertEquals("a\\|b c", Escape.md("a|b\nc"));
    }

    @Test
    void anUnknownReferenceIsAnErrorNotText() {
        assertThrows(RuntimeException.class, () -> html.evaluate("$missing", Map.of()));
    }
}
