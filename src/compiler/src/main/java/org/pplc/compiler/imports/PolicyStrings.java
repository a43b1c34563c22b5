package org.pplc.compiler.imports;

/** Policy-language string literals: double quotes, backslash escapes, one line. */
final class PolicyStrings {
    private PolicyStrings() {
    }

    static String quote(String text) {
        String oneLine = text.replaceAll("[\\r\\n]+", " ");
        return "\"" + oneLine.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
