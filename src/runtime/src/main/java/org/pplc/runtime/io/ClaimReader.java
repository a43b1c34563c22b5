package org.pplc.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads claims one record at a time from one claim object, a JSON array of claims, or NDJSON
 * (one claim a line), whichever the input is. Memory holds one record, never the whole input.
 * Every record gives exactly one {@link ClaimRecord}, in input order: a record that is not valid
 * JSON or breaks the schema becomes {@link ClaimRecord.Invalid} naming the field, and reading
 * goes on with the next record (the next line, for NDJSON).
 *
 * <p>An I/O failure of the underlying stream is thrown as {@link UncheckedIOException}.
 */
public final class ClaimReader implements Iterator<ClaimRecord>, AutoCloseable {
    /** What the records are for: adjudicate needs lines; derive needs administrations (lines optional). */
    public enum Purpose { ADJUDICATE, DERIVE }

    private final Reader reader;
    private final RecordSource source;
    private final Purpose purpose;
    private int index;
    private ClaimRecord next;
    private boolean finished;

    public ClaimReader(InputStream in, Purpose purpose) {
        this.reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        this.source = new RecordSource(reader, RecordParser.MAX_RECORD_CHARS);
        this.purpose = purpose;
    }

    @Override
    public boolean hasNext() {
        if (next != null) return true;
        if (finished) return false;
        RecordSource.Raw raw;
        try {
            raw = source.next();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the claims: " + e.getMessage(), e);
        }
        if (raw == null) {
            finished = true;
            return false;
        }
        next = RecordParser.parse(index++, raw, purpose);
        return true;
    }

    @Override
    public ClaimRecord next() {
        if (!hasNext()) throw new NoSuchElementException();
        ClaimRecord r = next;
        next = null;
        return r;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
