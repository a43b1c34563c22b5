package org.pplc.compiler.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the diagnostics of a run. Stages add to it; nothing is thrown across stages. */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();
    /** Counted as added: the checker asks after every policy, and warnings may be many. */
    private int errors;

    public void error(String code, Span span, String message) {
        items.add(new Diagnostic(code, Severity.ERROR, message, span, null));
        errors++;
    }

    public void error(String code, Span span, String message, String help) {
        items.add(new Diagnostic(code, Severity.ERROR, message, span, help));
        errors++;
    }

    public void warning(String code, Span span, String message, String help) {
        items.add(new Diagnostic(code, Severity.WARNING, message, span, help));
    }

    public void add(Diagnostic d) {
        items.add(d);
        if (d.isError()) errors++;
    }

    public int errorCount() {
        return errors;
    }

    public boolean hasErrors() {
        return errors > 0;
    }

    /** In the order they were added. */
    public List<Diagnostic> items() {
        return java.util.Collections.unmodifiableList(items);
    }

    /** Errors first, then warnings; each sorted by file and position. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> out = new ArrayList<>(items);
        out.sort(ORDER);
        return List.copyOf(out);
    }

    public static final Comparator<Diagnostic> ORDER = Comparator
            .comparing((Diagnostic d) -> d.severity())
            .thenComparing(d -> d.span().file())
            .thenComparingInt(d -> d.span().line())
            .thenComparingInt(d -> d.span().column())
            .thenComparing(Diagnostic::message);
}
