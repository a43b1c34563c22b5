package org.pplc.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output for a command's data (results, claims, JSON diagnostics, policy text), failing
 * when a write fails. {@code System.out} is a {@link PrintStream}, which swallows write errors
 * (it only sets a flag): on a full disk a command would exit 0 with its output cut short. Here
 * every write is checked, and a failure is an {@link OutputFailed} with the system's reason
 * ("No space left on device"), which the commands report with exit 3.
 */
final class StandardOutput extends OutputStream {
    private final PrintStream out;

    private StandardOutput(PrintStream out) {
        this.out = out;
    }

    /** The current {@code System.out}, checked. */
    static StandardOutput open() {
        return new StandardOutput(System.out);
    }

    /** Writes text (UTF-8) to standard output and flushes it; fails as a failed write. */
    static void print(String text) throws OutputFailed {
        StandardOutput o = open();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        o.write(bytes, 0, bytes.length);
        o.flush();
    }

    @Override
    public void write(int b) throws OutputFailed {
        out.write(b);
        check();
    }

    @Override
    public void write(byte[] b, int off, int len) throws OutputFailed {
        out.write(b, off, len);
        check();
    }

    @Override
    public void flush() throws OutputFailed {
        check(); // checkError() flushes
    }

    @Override
    public void close() throws OutputFailed {
        check(); // standard output itself stays open
    }

    private void check() throws OutputFailed {
        if (out.checkError()) {
            String why = Reason.last;
            throw new OutputFailed("cannot write to standard output: " + (why == null ? "write error" : why));
        }
    }

    /** A write that did not reach its file or standard output: exit 3, never counted as written. */
    static final class OutputFailed extends IOException {
        OutputFailed(String message) {
            super(message);
        }
    }

    /**
     * Below the process's standard output (see {@link Main#utf8StandardStreams}): keeps the reason
     * of the last failed write, which the print stream above it would drop.
     */
    static final class Reason extends FilterOutputStream {
        static volatile String last;

        Reason(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                last = e.getMessage();
                throw e;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                last = e.getMessage();
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                last = e.getMessage();
                throw e;
            }
        }
    }
}
