package org.pplc.compiler.diag;

import org.pplc.runtime.model.SourceRef;

/** A range of policy text: 1-based lines and columns, end inclusive of the last character's column. */
public record Span(String file, int line, int column, int endLine, int endColumn) {
    public SourceRef start() {
        return new SourceRef(file, line, column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
