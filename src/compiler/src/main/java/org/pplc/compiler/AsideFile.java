package org.pplc.compiler;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way pplc replaces a file it writes ({@code adjudicate --out}, {@code derive --out},
 * {@code import --out}, {@code fmt}): the bytes go to a hidden {@code .NAME.<random>.tmp} beside
 * the target and are renamed over it (atomically where the file system can) only when complete,
 * so a failure or a stop never leaves half a file under the target's name, or destroys the
 * previous one. Ctrl-C or SIGTERM before the rename removes the aside file.
 *
 * <ul>
 *   <li>The target must be a regular file or not exist. A symbolic link is never replaced or
 *   written through, and a device, a pipe or a folder is refused (write to standard output and
 *   redirect it there instead): {@link Refused}.</li>
 *   <li>The aside file is created new ({@code O_EXCL}: never through a link planted under its
 *   name) with the permissions any new file gets (the umask applies); when it replaces a file,
 *   it takes that file's permissions.</li>
 * </ul>
 */
public final class AsideFile implements AutoCloseable {
    /** The target cannot be replaced: the message says why, naming it. */
    public static final class Refused extends IOException {
        public Refused(String message) {
            super(message);
        }
    }

    private final Path target;
    private Path aside;
    private final OutputStream out;
    private Thread removeOnStop;

    private AsideFile(Path target, Path aside, OutputStream out, Thread removeOnStop) {
        this.target = target;
        this.aside = aside;
        this.out = out;
        this.removeOnStop = removeOnStop;
    }

    /** Checks the target and opens the aside file beside it (creating the target's folder). */
    public static AsideFile create(Path target) throws IOException {
        refuseUnlessReplaceable(target);
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path aside = null;
        OutputStream raw = null;
        for (int attempt = 0; raw == null; attempt++) {
            aside = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                raw = Files.newOutputStream(aside, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) throw e;
            }
        }
        try {
            keepPermissions(target, aside);
        } catch (IOException | RuntimeException e) {
            raw.close();
            Files.deleteIfExists(aside);
            throw e;
        }
        Path file = aside;
        Thread hook = new Thread(() -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the JVM is going down; the file is hidden and named as ours
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        return new AsideFile(target, aside, new BufferedOutputStream(raw, 1 << 16), hook);
    }

    private static void refuseUnlessReplaceable(Path target) throws Refused {
        if (Files.isSymbolicLink(target)) {
            throw new Refused(target + " is a symbolic link; pplc does not replace a link or write through it (name the file itself)");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refused(target + " is not a regular file (a folder, a device or a pipe); pplc writes only regular files "
                    + "(write to standard output and redirect it instead)");
        }
    }

    /** A replaced file keeps its permissions; a new one has the umask's (as created above). */
    private static void keepPermissions(Path target, Path aside) throws IOException {
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) return;
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) return;
        Files.setPosixFilePermissions(aside, view.readAttributes().permissions());
    }

    /** Where the bytes go (buffered). */
    public OutputStream stream() {
        return out;
    }

    /** The target's name, as given. */
    public Path target() {
        return target;
    }

    /** Everything is written: closes the aside file and renames it over the target. */
    public void commit() throws IOException {
        out.close();
        refuseUnlessReplaceable(target); // a link put there meanwhile is not replaced either
        try {
            Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(aside, target, StandardCopyOption.REPLACE_EXISTING);
        }
        aside = null;
    }

    /** Removes the aside file of a run that did not commit; the target is untouched. */
    @Override
    public void close() {
        if (removeOnStop != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(removeOnStop);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it removes the aside file itself
            }
            removeOnStop = null;
        }
        if (aside != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // abandoned: the file is removed next
            }
            try {
                Files.deleteIfExists(aside);
            } catch (IOException ignored) {
                // the aside file is ours and hidden; nothing more to do when it cannot be removed
            }
            aside = null;
        }
    }

    /** Writes {@code bytes} as the target's new content, aside then renamed. */
    public static void write(Path target, byte[] bytes) throws IOException {
        try (AsideFile f = create(target)) {
            f.stream().write(bytes);
            f.commit();
        }
    }
}
