package org.pplc.docs;

import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.context.Context;

/**
 * Escaping of every value a template inserts. Templates never see markup from Java: each
 * {@code $reference} goes through {@link #forFormat}'s handler, so a policy title holding
 * {@code <script>} reaches the page as text, whatever the template author remembers.
 */
public final class Escape {
    private Escape() {
    }

    /** Text for HTML element content and double- or single-quoted attribute values. */
    public static String html(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\r' -> { }
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Text for a Markdown line or table cell: every character CommonMark or GFM could read as
     * markup is backslash-escaped (backslash escapes also hold inside link destinations), and line
     * breaks become spaces so a value never ends a table row or starts a heading.
     */
    public static String md(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '!', '&', '~', '{', '}', '(', ')' ->
                        b.append('\\').append(c);
                case '\n', '\r', '\t' -> b.append(' ');
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** The output formats and the escaping each applies to inserted references. */
    public enum Format {
        HTML, MARKDOWN;

        String apply(String s) {
            return this == HTML ? html(s) : md(s);
        }
    }

    /** A Velocity handler that escapes every inserted value for the format. */
    static ReferenceInsertionEventHandler forFormat(Format format) {
        return new Inserter(format);
    }

    private record Inserter(Format format) implements ReferenceInsertionEventHandler {
        @Override
        public Object referenceInsert(Context context, String reference, Object value) {
            return value == null ? null : format.apply(value.toString());
        }
    }
}
