package org.pplc.compiler.imports;

/**
 * A file the importer refuses as a whole: unreadable, no recognisable CMS header, or the table of
 * the other setting. The message names the file and says what is wrong; it is meant for the user.
 */
public final class ImportException extends Exception {
    public ImportException(String message) {
        super(message);
    }
}
