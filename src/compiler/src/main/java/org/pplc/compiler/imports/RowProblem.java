package org.pplc.compiler.imports;

/**
 * A row of a CMS file that could not be imported; the other rows still are.
 *
 * @param file the file name as the user gave it
 * @param row  the 1-based line of the file where the record starts (the row a spreadsheet shows)
 */
public record RowProblem(String file, long row, String message) {
    /** The compiler's diagnostic form: {@code FILE:ROW: error: message}. */
    @Override
    public String toString() {
        return file + ":" + row + ": error: " + message;
    }
}
