package org.pplc.compiler;

import org.pplc.compiler.diag.Diagnostics;
import org.pplc.compiler.diag.Span;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * The policies root and the one guarded walk below it, which every command uses (check, build,
 * fmt, test, docs, the Maven plugin). The root the user names may itself be a link: it is
 * resolved once, and below it nothing is read or written through a link that leaves it.
 *
 * <ul>
 *   <li>The walk follows no links. A link (file or folder) whose target lies outside the root is
 *   an {@code outside-root} error and is not read; a dangling one is {@code broken-link}.</li>
 *   <li>A link to a folder inside the root is not descended (the folder is walked under its own
 *   name); a link to a file inside the root is listed, and read at its target's real path.</li>
 *   <li>Files are named {@code <root folder name>/<path below the root>} ({@code policies/core/cpt-admin.ppl}),
 *   however the root was spelt ({@code policies}, {@code ./policies}, {@code $PWD/policies}, a
 *   link to it), so diagnostics and the bundle's sources do not depend on where a build runs.</li>
 * </ul>
 */
public final class PolicyTree {
    /** A file the walk found: its path below the root, the path as the user spelt it, and what is read. */
    public record Entry(String relative, Path spelt, Path real, boolean link) {
    }

    private final Path spelt;
    private final Path real;
    private final String name;

    private PolicyTree(Path spelt, Path real, String name) {
        this.spelt = spelt;
        this.real = real;
        this.name = name;
    }

    /** Resolves the root (which may be a link) once; throws when it is not a folder. Files are named by the root's own name. */
    public static PolicyTree open(Path root) throws IOException {
        Path named = root.toAbsolutePath().normalize().getFileName();
        return open(root, named == null ? "" : named.toString());
    }

    /**
     * The same, naming files {@code label/<path below the root>}: {@code pplc fmt} names them as the
     * user spelt the root, so the files it lists can be opened from where it ran.
     */
    public static PolicyTree open(Path root, String label) throws IOException {
        Path real = root.toRealPath();
        if (!Files.isDirectory(real)) throw new java.nio.file.NotDirectoryException(root.toString());
        return new PolicyTree(root, real, label);
    }

    /** The root as the user spelt it. */
    public Path root() {
        return spelt;
    }

    /** The root's own name, which prefixes every file name: {@code policies}. */
    public String name() {
        return name;
    }

    /** How diagnostics and sources name a path below the root ({@code relative} uses '/'). */
    public String name(String relative) {
        if (relative.isEmpty()) return name;
        return name.isEmpty() ? relative : name + "/" + relative;
    }

    /**
     * Every file below {@code folder} ("" for the whole tree) whose name ends in {@code suffix},
     * at most {@code depth} levels down, sorted by path. Links that leave the root, dangling links
     * and folders that cannot be read are reported into {@code diag} under the file's name.
     */
    public List<Entry> files(String folder, String suffix, int depth, Diagnostics diag) {
        List<Entry> out = new ArrayList<>();
        Path start = real.resolve(folder);
        if (!folder.isEmpty()) {
            if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) return out;
            Path target = inside(start);
            if (target == null) {
                refuse(folder, start, diag);
                return out;
            }
            if (!Files.isDirectory(target)) return out;
            start = target;
        }
        Path from = start;
        String prefix = folder.isEmpty() ? "" : folder + "/";
        try {
            Files.walkFileTree(start, EnumSet.noneOf(java.nio.file.FileVisitOption.class), depth, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
                    String rel = prefix + from.relativize(p).toString().replace('\\', '/');
                    boolean wanted = rel.endsWith(suffix);
                    if (attrs.isSymbolicLink()) {
                        Path target = inside(p);
                        if (target == null) {
                            if (wanted || Files.isDirectory(p)) refuse(rel, p, diag);
                        } else if (wanted && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                            out.add(new Entry(rel, spelt.resolve(rel), target, true));
                        } // a folder inside the root is walked under its own name
                    } else if (wanted && attrs.isRegularFile()) {
                        out.add(new Entry(rel, spelt.resolve(rel), p, false));
                    } else if (wanted && !attrs.isDirectory()) {
                        diag.error("not-a-file", span(rel), "this is not a regular file (a device, a pipe or a socket); "
                                + "pplc reads only regular files");
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path p, IOException e) {
                    String rel = prefix + from.relativize(p).toString().replace('\\', '/');
                    diag.error("io", span(rel), "cannot read " + (rel.isEmpty() ? "the policy directory" : "this")
                            + ": " + reason(e));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            diag.error("io", span(folder), "cannot read the policy directory: " + reason(e));
        }
        out.sort(Comparator.comparing(e -> Path.of(e.relative())));
        return out;
    }

    /**
     * A file a file in the tree refers to ({@code reference}, relative to the folder of
     * {@code from}): its real path when both the reference and what it resolves to (through any
     * link) stay inside the root and it is a regular file; otherwise why not.
     */
    public Reference reference(Entry from, String reference) {
        Path parent = Path.of(from.relative()).getParent();
        return resolve((parent == null ? real : real.resolve(parent)).resolve(reference).normalize(), reference);
    }

    /** A file named by its path below the root, guarded as {@link #reference} is. */
    public Reference file(String relative) {
        return resolve(real.resolve(relative).normalize(), relative);
    }

    private Reference resolve(Path candidate, String reference) {
        String rel = relative(candidate);
        if (!candidate.startsWith(real)) {
            return new Reference(null, reference + " lies outside the policies directory " + name + "; pplc reads nothing outside it");
        }
        if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) return new Reference(null, "no such file " + name(rel));
        Path target = inside(candidate);
        if (target == null) {
            return new Reference(null, name(rel) + " is a symbolic link to something outside the policies directory "
                    + name + "; pplc reads nothing outside it");
        }
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) return new Reference(null, name(rel) + " is not a regular file");
        return new Reference(new Entry(rel, spelt.resolve(rel), target, !target.equals(candidate)), null);
    }

    /** A resolved reference ({@code entry}) or why it was refused ({@code problem}). */
    public record Reference(Entry entry, String problem) {
    }

    /**
     * Reads a listed file, at most {@code max + 1} bytes (so a caller can tell it is too large).
     * The real path is opened without following a link, so a link swapped in after the walk is
     * refused rather than followed.
     */
    public static byte[] read(Entry e, long max) throws IOException {
        try (InputStream in = Files.newInputStream(e.real(), LinkOption.NOFOLLOW_LINKS)) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        }
    }

    /** The path below the root of a path inside it, with '/'. */
    private String relative(Path inRoot) {
        return real.relativize(inRoot).toString().replace('\\', '/');
    }

    /** The real path of {@code p} when it lies inside the root, else null (outside, or dangling). */
    private Path inside(Path p) {
        try {
            Path target = p.toRealPath();
            return target.startsWith(real) ? target : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void refuse(String rel, Path p, Diagnostics diag) {
        if (!Files.exists(p)) {
            diag.error("broken-link", span(rel), "this symbolic link points to nothing", "remove the link or restore its file");
        } else {
            diag.error("outside-root", span(rel), "this is a symbolic link to something outside the policies directory "
                    + name + "; pplc reads nothing outside it", "copy the files into the policies directory");
        }
    }

    private Span span(String rel) {
        return new Span(name(rel), 1, 1, 1, 1);
    }

    /** An I/O failure in plain words: the file system's reason, without the exception's class. */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
