package org.pplc.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The input and output of the batch commands (adjudicate, derive): the input file or standard
 * input, and the output on standard output or, with {@code --out FILE}, written aside and renamed
 * into place, so a stopped run never leaves half a file under the name a pipeline reads.
 */
final class BatchFiles implements AutoCloseable {
    private final InputStream in;
    private final OutputStream out;
    private final Path target;
    private Path aside;
    private Thread removeAside;

    private BatchFiles(InputStream in, OutputStream out, Path target, Path aside, Thread removeAside) {
        this.in = in;
        this.out = out;
        this.target = target;
        this.aside = aside;
        this.removeAside = removeAside;
    }

    /** Opens both ends; on failure prints why (naming the command and file) and returns null. */
    static BatchFiles open(String command, String input, Path outFile, PrintStream err) {
        InputStream in;
        try {
            in = "-".equals(input) ? System.in : Files.newInputStream(Path.of(input));
        } catch (NoSuchFileException e) {
            err.println("pplc " + command + ": " + input + ": no such file");
            return null;
        } catch (AccessDeniedException e) {
            err.println("pplc " + command + ": " + input + ": permission denied");
            return null;
        } catch (IOException e) {
            err.println("pplc " + command + ": " + input + ": cannot read: " + e.getMessage());
            return null;
        }
        if (outFile == null) return new BatchFiles(in, new BufferedOutputStream(System.out, 1 << 16), null, null, null);
        Path aside = null;
        try {
            Path dir = outFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            aside = Files.createTempFile(dir, "." + outFile.getFileName(), ".tmp");
            // Stopped (Ctrl-C, SIGTERM) before the rename: remove the half-written aside file too.
            Path file = aside;
            Thread hook = new Thread(() -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // the JVM is going down; the file is hidden and named as ours
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            return new BatchFiles(in, new BufferedOutputStream(Files.newOutputStream(aside), 1 << 16), outFile, aside, hook);
        } catch (IOException e) {
            err.println("pplc " + command + ": " + outFile + ": cannot write: " + e.getMessage());
            deleteQuietly(aside);
            closeQuietly(in);
            return null;
        }
    }

    InputStream in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    /** Everything was written: flush standard output, or move the aside file onto the target. */
    void commit() throws IOException {
        if (target == null) {
            out.flush();
            return;
        }
        out.close();
        try {
            Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(aside, target, StandardCopyOption.REPLACE_EXISTING);
        }
        aside = null;
    }

    /** Removes what a run that did not commit left aside, and closes the input. */
    @Override
    public void close() {
        if (removeAside != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(removeAside);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it removes the aside file itself
            }
            removeAside = null;
        }
        if (aside != null) {
            closeQuietly(out);
            deleteQuietly(aside);
        }
        if (in != System.in) closeQuietly(in);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) return;
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the aside file is ours; nothing more to do when it cannot be removed
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
