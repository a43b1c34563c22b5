package org.pplc.compiler.diag;

import java.util.List;
import java.util.Map;

/**
 * Prints diagnostics the way compilers do: {@code file:line:col: error: message}, then the source
 * line and a caret under the span, then the help. Also as JSON for editors and CI.
 */
public final class DiagnosticPrinter {
    private final Map<String, String> sources;

    /** @param sources policy text by the file path diagnostics name, to show the offending line */
    public DiagnosticPrinter(Map<String, String> sources) {
        this.sources = sources;
    }

    public String text(List<Diagnostic> diagnostics) {
        StringBuilder b = new StringBuilder();
        for (Diagnostic d : diagnostics) text(d, b);
        return b.toString();
    }

    public void text(Diagnostic d, StringBuilder b) {
        Span s = d.span();
        b.append(s.file()).append(':').append(s.line()).append(':').append(s.column()).append(": ")
                .append(d.severity().id()).append(": ").append(d.message()).append('\n');
        String line = sourceLine(s.file(), s.line());
        if (line != null) {
            String shown = line.replace('\t', ' ');
            b.append("    ").append(shown).append('\n');
            int start = Math.max(1, s.column());
            int end = s.endLine() == s.line() ? Math.max(start, s.endColumn()) : Math.max(start, shown.length());
            end = Math.min(end, Math.max(start, shown.length()));
            b.append("    ").append(" ".repeat(start - 1)).append('^');
            if (end > start) b.append("~".repeat(end - start));
            b.append('\n');
        }
        if (d.help() != null) b.append("    = help: ").append(d.help()).append('\n');
    }

    private String sourceLine(String file, int lineNo) {
        String text = sources.get(file);
        if (text == null || lineNo < 1) return null;
        LineIndex index = lineIndexes.computeIfAbsent(file, f -> {
            indexesBuilt++;
            return LineIndex.of(text);
        });
        if (lineNo > index.starts.length) return null;
        int start = index.starts[lineNo - 1];
        int end = start;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') end++;
        return text.substring(start, end);
    }

    /**
     * Where each line of a file starts (after \n, \r\n or a lone \r, as the lexer counts lines),
     * built once per file the first time a diagnostic shows one of its lines: rescanning the file
     * from its start for every diagnostic made 100,000 diagnostics take minutes (issue 18).
     */
    private record LineIndex(int[] starts) {
        static LineIndex of(String text) {
            int[] starts = new int[16];
            int n = 1; // line 1 starts at 0
            for (int i = 0, len = text.length(); i < len; i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= len || text.charAt(i + 1) != '\n'))) {
                    if (n == starts.length) starts = java.util.Arrays.copyOf(starts, 2 * n);
                    starts[n++] = i + 1;
                }
            }
            return new LineIndex(java.util.Arrays.copyOf(starts, n));
        }
    }

    private final Map<String, LineIndex> lineIndexes = new java.util.HashMap<>();
    private int indexesBuilt;

    /** How many files' line starts this printer has indexed (for tests: once per file). */
    int indexesBuilt() {
        return indexesBuilt;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** One JSON document: {"errors": n, "warnings": n, "diagnostics": [...]} for editors and CI. */
    public static String json(List<Diagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("errors", errors);
        doc.put("warnings", diagnostics.size() - errors);
        List<Map<String, Object>> list = new java.util.ArrayList<>();
        for (Diagnostic d : diagnostics) {
            Span s = d.span();
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("code", d.code());
            m.put("severity", d.severity().id());
            m.put("message", d.message());
            m.put("file", s.file());
            m.put("line", s.line());
            m.put("column", s.column());
            m.put("endLine", s.endLine());
            m.put("endColumn", s.endColumn());
            m.put("help", d.help());
            list.add(m);
        }
        doc.put("diagnostics", list);
        try {
            return JSON.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("diagnostics could not be written as JSON", e);
        }
    }
}
