package org.pplc.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

    private final RecordSource source;
    private final Purpose purpose;
    private int index;
    private ClaimRecord next;
    private boolean finished;
    /** An input failure met while cutting a batch, thrown after the records read before it. */
    private UncheckedIOException failed;

    public ClaimReader(InputStream in, Purpose purpose) {
        this(new RecordSource(in, RecordParser.MAX_RECORD_CHARS), purpose);
    }

    ClaimReader(RecordSource source, Purpose purpose) {
        this.source = source;
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

    /**
     * Up to {@code max} records cut from the input but not yet parsed, or null at the end: the
     * caller parses them (on any thread) with {@link Batch#record}, which gives what {@link #next()}
     * would have. Do not mix with {@link #next()}. An input failure is thrown by the call after
     * the batch that holds the records read before it.
     */
    public Batch nextBatch(int max) {
        if (failed != null) {
            UncheckedIOException e = failed;
            failed = null;
            finished = true;
            throw e;
        }
        if (finished) return null;
        RecordSource.Raw[] raws = new RecordSource.Raw[max];
        int n = 0;
        try {
            while (n < max) {
                RecordSource.Raw raw = source.next();
                if (raw == null) {
                    finished = true;
                    break;
                }
                raws[n++] = raw;
            }
        } catch (IOException e) {
            UncheckedIOException u = new UncheckedIOException("cannot read the claims: " + e.getMessage(), e);
            if (n == 0) {
                finished = true;
                throw u;
            }
            failed = u;
        }
        if (n == 0) return null;
        Batch b = new Batch(index, raws, n, purpose);
        index += n;
        return b;
    }

    /** Records cut from the input, parsed on demand by whichever thread takes the batch. */
    public static final class Batch {
        private final int first;
        private final RecordSource.Raw[] raws;
        private final int size;
        private final Purpose purpose;
        /** The parser the records share (see {@link RecordParser.Lines}). */
        private RecordParser.Lines lines;

        private Batch(int first, RecordSource.Raw[] raws, int size, Purpose purpose) {
            this.first = first;
            this.raws = raws;
            this.size = size;
            this.purpose = purpose;
        }

        /** How many parsers reading the batch's records has made so far (for tests). */
        synchronized int parsersMade() {
            return lines == null ? 0 : lines.made();
        }

        /** Input index of the batch's first record. */
        public int firstIndex() {
            return first;
        }

        public int size() {
            return size;
        }

        /**
         * The i-th record of the batch, parsed and checked (the record {@link ClaimReader#next()} gives).
         * Records asked for in order are read through one parser where their lines allow it.
         */
        public synchronized ClaimRecord record(int i) {
            if (i < 0 || i >= size) throw new IndexOutOfBoundsException(i);
            if (lines == null) lines = new RecordParser.Lines(raws, size);
            ClaimRecord r = RecordParser.parse(first + i, raws[i], purpose, lines, i);
            if (i == size - 1) lines.close(); // its buffers go back to Jackson's pool
            return r;
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
