package org.pplc.cli;

import org.pplc.compiler.AsideFile;
import org.pplc.compiler.PolicyTree;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The input and output of the batch commands (adjudicate, derive): the input file or standard
 * input, and the output on standard output or, with {@code --out FILE}, written aside and renamed
 * into place ({@link AsideFile}), so a stopped or failed run never leaves half a file under the
 * name a pipeline reads. Every write is checked: a failure is a {@link StandardOutput.OutputFailed}
 * (exit 3), never a record counted as written.
 */
final class BatchFiles implements AutoCloseable {
    /** Exit code of a run whose output could not be written (CONTRACT.md). */
    static final int OUTPUT_FAILED = 3;

    /** The files could not be opened: the message names the command and file; the exit code says which end. */
    static final class Unusable extends Exception {
        final int exit;

        Unusable(String message, int exit) {
            super(message, null, false, false);
            this.exit = exit;
        }
    }

    private final String command;
    private final InputStream in;
    private final OutputStream out;
    private final AsideFile aside;

    private BatchFiles(String command, InputStream in, OutputStream out, AsideFile aside) {
        this.command = command;
        this.in = in;
        this.out = out;
        this.aside = aside;
    }

    /** Opens both ends: an input that cannot be read is exit 1, an output that cannot be written exit 3. */
    static BatchFiles open(String command, String input, Path outFile) throws Unusable {
        InputStream in;
        try {
            in = "-".equals(input) ? System.in : Files.newInputStream(Path.of(input));
        } catch (NoSuchFileException e) {
            throw new Unusable("pplc " + command + ": " + input + ": no such file", 1);
        } catch (AccessDeniedException e) {
            throw new Unusable("pplc " + command + ": " + input + ": permission denied", 1);
        } catch (IOException e) {
            throw new Unusable("pplc " + command + ": " + input + ": cannot read: " + PolicyTree.reason(e), 1);
        }
        if (outFile == null) return new BatchFiles(command, in, StandardOutput.open(), null);
        try {
            AsideFile aside = AsideFile.create(outFile);
            return new BatchFiles(command, in, new Checked(aside.stream(), outFile), aside);
        } catch (AsideFile.Refused e) {
            closeQuietly(in);
            throw new Unusable("pplc " + command + ": " + e.getMessage(), OUTPUT_FAILED);
        } catch (IOException e) {
            closeQuietly(in);
            throw new Unusable("pplc " + command + ": cannot write " + outFile + ": " + PolicyTree.reason(e), OUTPUT_FAILED);
        }
    }

    InputStream in() {
        return in;
    }

    /** Where the records go; every write is checked. Batches are written whole (no buffer above). */
    OutputStream out() {
        return out;
    }

    /** Everything was written: flush standard output, or move the aside file onto the target. */
    void commit() throws StandardOutput.OutputFailed {
        if (aside == null) {
            try {
                out.flush();
            } catch (StandardOutput.OutputFailed e) {
                throw e;
            } catch (IOException e) {
                throw new StandardOutput.OutputFailed("cannot write to standard output: " + PolicyTree.reason(e));
            }
            return;
        }
        try {
            aside.commit();
        } catch (IOException e) {
            throw new StandardOutput.OutputFailed("cannot write " + aside.target() + ": " + PolicyTree.reason(e));
        }
    }

    /**
     * The message for a failed write, with how many records were written: on standard output those
     * before the failure; to {@code --out FILE} none (FILE is left as it was).
     */
    String failure(StandardOutput.OutputFailed e, int written, String noun) {
        String what = written + " " + noun + (written == 1 ? "" : "s");
        if (aside == null) return "pplc " + command + ": " + e.getMessage() + "; the output of " + what + " was written, the rest was not";
        return "pplc " + command + ": " + e.getMessage() + "; nothing was written to " + aside.target()
                + " (a previous file of that name is left as it was)";
    }

    /** Removes what a run that did not commit left aside, and closes the input. */
    @Override
    public void close() {
        if (aside != null) aside.close();
        if (in != System.in) closeQuietly(in);
    }

    /** The aside file's stream, its failures named for the target. */
    private static final class Checked extends java.io.FilterOutputStream {
        private final Path target;

        Checked(OutputStream out, Path target) {
            super(out);
            this.target = target;
        }

        @Override
        public void write(byte[] b, int off, int len) throws StandardOutput.OutputFailed {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void write(int b) throws StandardOutput.OutputFailed {
            try {
                out.write(b);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void flush() throws StandardOutput.OutputFailed {
            try {
                out.flush();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void close() {
            // the aside file is closed by commit, or removed by close
        }

        private StandardOutput.OutputFailed failed(IOException e) {
            return new StandardOutput.OutputFailed("cannot write " + target + ": " + PolicyTree.reason(e));
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // input fully read or abandoned
        }
    }
}
