package org.pplc.compiler.diag;

/**
 * One problem found in the policies. {@code code} is stable (tests and editors key on it);
 * {@code help} says what to do about it, or is null.
 */
public record Diagnostic(String code, Severity severity, String message, Span span, String help) {
    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
