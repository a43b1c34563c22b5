package org.pplc.runtime.model;

/** Where a rule came from: the policy file and the 1-based line and column of its text. */
public record SourceRef(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
