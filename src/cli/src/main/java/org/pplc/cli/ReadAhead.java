package org.pplc.cli;

import org.pplc.runtime.io.ClaimReader;
import org.pplc.runtime.io.ClaimRecord;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads and parses claims on a thread of its own while the caller evaluates and writes: parsing
 * is about half the work of adjudicating a record, so two cores give nearly twice the rate.
 * Records come out in input order; at most {@link #BATCHES} batches wait, so memory stays
 * bounded however long the input. A failure of the input arrives where it happened in the
 * sequence, thrown from {@link #hasNext()} as the reader itself would have thrown it.
 */
final class ReadAhead implements Iterator<ClaimRecord>, AutoCloseable {
    /** Records handed over at once: one queue hand-off per batch, not per record. */
    static final int BATCH = 256;
    static final int BATCHES = 8;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES);
    private final ClaimReader reader;
    private final Thread thread;
    private volatile boolean stopped;
    private List<?> batch = List.of();
    private int at;
    private boolean ended;

    /** Takes over the reader: {@link #close()} closes it. */
    ReadAhead(ClaimReader reader) {
        this.reader = reader;
        thread = new Thread(() -> fill(reader), "pplc-claim-reader");
        thread.setDaemon(true); // never keeps the process alive
        thread.start();
    }

    private void fill(ClaimReader reader) {
        Object last = END;
        try {
            List<ClaimRecord> b = new ArrayList<>(BATCH);
            try {
                while (!stopped && reader.hasNext()) {
                    b.add(reader.next());
                    if (b.size() == BATCH) {
                        queue.put(b);
                        b = new ArrayList<>(BATCH);
                    }
                }
            } catch (RuntimeException | Error e) {
                last = e; // handed over after the records read before it; never lost on this thread
            }
            if (!b.isEmpty()) queue.put(b);
            queue.put(last);
        } catch (InterruptedException e) {
            // closed early by the consumer: nobody waits for more
        }
    }

    @Override
    public boolean hasNext() {
        while (at == batch.size()) {
            if (ended) return false;
            Object o;
            try {
                o = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading claims", e);
            }
            if (o == END) {
                ended = true;
            } else if (o instanceof RuntimeException e) {
                ended = true;
                throw e;
            } else if (o instanceof Error e) {
                ended = true;
                throw e;
            } else {
                batch = (List<?>) o;
                at = 0;
            }
        }
        return true;
    }

    @Override
    public ClaimRecord next() {
        if (!hasNext()) throw new NoSuchElementException();
        return (ClaimRecord) batch.get(at++);
    }

    /**
     * Closes the reader after a full read. When the consumer gives up before the end, the thread is
     * told to stop and the reader is left open: closing it would wait for the thread's read, which
     * on a quiet pipe may never return (the daemon thread ends with the process).
     */
    @Override
    public void close() throws java.io.IOException {
        if (ended) {
            reader.close();
        } else {
            stopped = true;
            thread.interrupt();
        }
    }
}
