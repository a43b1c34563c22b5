package org.pplc.cli;

import org.pplc.runtime.engine.Adjudicator;
import org.pplc.runtime.engine.Result;
import org.pplc.runtime.io.ClaimReader;
import org.pplc.runtime.io.ClaimRecord;
import org.pplc.runtime.io.JsonOutput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;

/**
 * Adjudicate's run on every core: each worker cuts the next batch of record texts from the input
 * (one worker at a time: cutting only finds where records end), then parses, evaluates and writes
 * it as NDJSON bytes of its own; the calling thread copies the finished batches to the output in
 * input order. Parsing, evaluating and writing cost about the same, so giving each worker all of
 * them spreads the work evenly, however many cores there are.
 *
 * <p>Memory stays bounded: at most 32 batches (16 a worker with fewer than 3) are cut and not yet
 * written (a worker waits to cut the next). An input failure arrives after the records read before it, thrown from
 * {@link #run} as {@link ClaimReader} throws it; a worker's failure is thrown where its batch
 * would have been written. Output is the same bytes as one thread writing record by record.
 */
final class Pipeline implements AutoCloseable {
    /** Records a batch: one hand-off per batch, not per record. */
    static final int BATCH = 256;

    /** What the calling thread is told about each batch written. */
    interface Progress {
        void written(Tally batch);
    }

    /** Counts by decision, of a batch and of the run. */
    static final class Tally {
        int records, pass, warn, review, deny, errors;

        void count(Result r) {
            switch (r.decision()) {
                case PASS -> pass++;
                case WARN -> warn++;
                case REVIEW -> review++;
                case DENY -> deny++;
                case ERROR -> errors++;
            }
        }

        void add(Tally t) {
            records += t.records;
            pass += t.pass;
            warn += t.warn;
            review += t.review;
            deny += t.deny;
            errors += t.errors;
        }

        /** The closing summary line. */
        String summary() {
            return records + (records == 1 ? " claim: " : " claims: ") + pass + " pass, " + deny + " deny, " + review
                    + " review, " + warn + " warn, " + errors + (errors == 1 ? " error" : " errors");
        }
    }

    /** One batch: cut by the reader, filled by a worker, written by the caller. */
    private static final class Job {
        final ClaimReader.Batch batch;
        final CountDownLatch done = new CountDownLatch(1);
        ByteArrayOutputStream bytes;
        Tally tally;
        Throwable failure;

        Job(ClaimReader.Batch batch) {
            this.batch = batch;
        }
    }

    private static final Object END = new Object();

    private final ClaimReader reader;
    private final Adjudicator engine;
    private final boolean explain;
    private final int inFlight;
    /** Jobs in input order, then END or the input's failure: what the caller writes. */
    private final BlockingQueue<Object> order;
    private final List<Thread> threads = new ArrayList<>();
    /** Output buffers written out and free for the next batch. */
    private final java.util.Queue<ByteArrayOutputStream> spare = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean stopped;
    /** The input is cut to its end (or failed); guarded by the reader's lock. */
    private boolean cutDone;
    private boolean ended;

    /** Takes over the reader: {@link #close()} closes it. */
    Pipeline(ClaimReader reader, Adjudicator engine, boolean explain, int workers) {
        this.reader = reader;
        this.engine = engine;
        this.explain = explain;
        // Room for a worker that was descheduled mid-batch: the others go on with later batches
        // instead of waiting for the writer, which waits for that batch (a few MB of memory).
        this.inFlight = Math.min(32, 16 * workers);
        this.order = new ArrayBlockingQueue<>(inFlight + 1);
        for (int i = 0; i < workers; i++) start(new Thread(this::work, "pplc-adjudicate-" + i));
    }

    private void start(Thread t) {
        t.setDaemon(true); // never keeps the process alive
        threads.add(t);
        t.start();
    }

    /**
     * A worker thread: cuts the next batch (one worker at a time, so batches keep input order),
     * then parses, evaluates and writes it. The worker that cut a batch reads it while its bytes
     * are still in its own core's cache; with a separate cutting thread every record crossed from
     * one core to the other, and that thread competed with the workers for the same two cores.
     */
    private void work() {
        try {
            while (!stopped) {
                Job job;
                synchronized (reader) {
                    if (cutDone) return;
                    ClaimReader.Batch b;
                    try {
                        b = reader.nextBatch(BATCH);
                    } catch (RuntimeException | Error e) {
                        cutDone = true;
                        order.put(e); // handed over after the batches read before it
                        return;
                    }
                    if (b == null) {
                        cutDone = true;
                        order.put(END);
                        return;
                    }
                    job = new Job(b);
                    order.put(job); // waits while inFlight batches are unwritten: bounded memory
                }
                try {
                    fill(job);
                } catch (RuntimeException | Error e) {
                    job.failure = e;
                }
                job.done.countDown();
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void fill(Job job) {
        ClaimReader.Batch b = job.batch;
        Tally tally = new Tally();
        // a buffer the caller has written out, else a new one: not 256 KB to allocate and clear a batch
        ByteArrayOutputStream bytes = spare.poll();
        if (bytes == null) bytes = new ByteArrayOutputStream(b.size() * 1024);
        else bytes.reset();
        try (JsonOutput json = new JsonOutput(bytes, b.firstIndex())) {
            for (int i = 0; i < b.size(); i++) {
                ClaimRecord record = b.record(i);
                if (record instanceof ClaimRecord.Valid v) {
                    Result r = engine.evaluate(v.claim(), explain);
                    json.write(r);
                    tally.count(r);
                } else {
                    json.writeError((ClaimRecord.Invalid) record);
                    tally.errors++;
                }
                tally.records++;
            }
        }
        job.bytes = bytes;
        job.tally = tally;
    }

    /** Writes every record's output to {@code out} in input order; the run's tally. */
    Tally run(OutputStream out, Progress progress) {
        Tally total = new Tally();
        while (true) {
            Object o = take(order);
            if (o == END) {
                ended = true;
                return total;
            }
            if (o instanceof RuntimeException e) {
                ended = true;
                throw e;
            }
            if (o instanceof Error e) {
                ended = true;
                throw e;
            }
            Job job = (Job) o;
            try {
                job.done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while adjudicating claims", e);
            }
            if (job.failure instanceof RuntimeException e) throw e;
            if (job.failure instanceof Error e) throw e;
            try {
                job.bytes.writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // as the JSON writer reports a failed write
            }
            spare.offer(job.bytes); // at most one a batch in flight: bounded
            job.bytes = null;
            total.add(job.tally);
            progress.written(job.tally);
        }
    }

    private static Object take(BlockingQueue<Object> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading claims", e);
        }
    }

    /**
     * Stops the workers; closes the reader after a full read. When the run stopped before the end,
     * the workers are told to stop and the reader is left open: closing it would wait for a worker's
     * read, which on a quiet pipe may never return (the daemon threads end with the process).
     */
    @Override
    public void close() throws IOException {
        stopped = true;
        for (Thread t : threads) t.interrupt();
        if (ended) reader.close();
    }
}
