package org.pplc.runtime.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.pplc.runtime.policy.PolicySet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The compiled bundle: a policy set as one JSON document that a billing product ships in its jar
 * and loads without the compiler (no ANTLR). The same policies always give the same bytes.
 *
 * <pre>
 * {
 *   "format" : "pplc-bundle",
 *   "version" : 3,
 *   "sha256" : "&lt;hex SHA-256 of the body written as compact JSON, UTF-8&gt;",
 *   "body" : { "payers" : [...], "facts" : {...}, "policies" : [...] }
 * }
 * </pre>
 *
 * Each distinct fact (code, drug, MUE, rule text...) is written once under "facts"; a policy
 * lists its facts by index there, in its own order (see docs/EMBEDDING.md for the whole shape).
 *
 * A bundle of a newer format version, or a damaged one (bad JSON, checksum mismatch, missing or
 * mistyped field), is refused with a {@link BundleException} whose message says what is wrong.
 */
public final class Bundles {
    /** The value of the header's "format" field. */
    public static final String FORMAT = "pplc-bundle";
    /**
     * The newest format version this runtime reads and the one it writes. Version 2 added the time
     * rule "pump after" (a value an older runtime would not know); a version 1 bundle reads as before.
     * Version 3 added rule kinds (the JW/JZ checks, mue-table-out-of-date) and an MUE's
     * {@code tableQuarter}; version 1 and 2 bundles read as before (their MUEs name no quarter).
     */
    public static final int VERSION = 3;
    /** Where pplc-maven-plugin puts the bundle in a product's jar. */
    public static final String DEFAULT_RESOURCE = "pplc/policies.bundle.json";

    private Bundles() {
    }

    /** Writes the bundle of a policy set; the stream is left open. */
    public static void write(PolicySet set, OutputStream out) throws IOException {
        Map<String, Object> body = BundleWriter.body(set);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("version", VERSION);
        doc.put("sha256", checksum(body));
        doc.put("body", body);
        Json.writePretty(doc, out);
        out.write('\n');
    }

    /** The bundle of a policy set as bytes. */
    public static byte[] toBytes(PolicySet set) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try {
            write(set, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    /** Writes the bundle to a file, creating its folder. */
    public static void write(PolicySet set, Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, toBytes(set));
    }

    /**
     * Reads a bundle with what identifies it (its checksum, its policies' versions): for a product
     * that reloads bundles and logs which one decided each result ({@code ReloadingAdjudicator}).
     *
     * @throws BundleException as {@link #read(Path)}
     */
    public static Bundle load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BundleException(file + ": no such file", e);
        } catch (IOException e) {
            throw new BundleException(file + ": cannot read the bundle: " + describe(e), e);
        }
    }

    /**
     * As {@link #load(Path)}, from a stream (left open).
     *
     * @param name what error messages and the identity call the bundle
     */
    public static Bundle load(InputStream in, String name) {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new BundleException(name + ": cannot read the bundle: " + e.getMessage(), e);
        }
        return load(bytes, name);
    }

    /** Reads a bundle; errors call it "bundle". */
    public static PolicySet read(InputStream in) {
        return read(in, "bundle");
    }

    /**
     * Reads a bundle and builds its rule objects.
     *
     * @param name what error messages call the bundle (its file or resource name)
     * @throws BundleException when it cannot be read, is damaged or is of a newer format version
     */
    public static PolicySet read(InputStream in, String name) {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new BundleException(name + ": cannot read the bundle: " + e.getMessage(), e);
        }
        return read(bytes, name);
    }

    /** Reads a bundle file; errors name it. */
    public static PolicySet read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BundleException(file + ": no such file", e);
        } catch (IOException e) {
            throw new BundleException(file + ": cannot read the bundle: " + describe(e), e);
        }
    }

    /** Reads the bundle pplc-maven-plugin put into the product's jar ({@link #DEFAULT_RESOURCE}). */
    public static PolicySet readResource() {
        return readResource(DEFAULT_RESOURCE);
    }

    /** Reads a bundle from the classpath (the context class loader, else this class's). */
    public static PolicySet readResource(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) loader = Bundles.class.getClassLoader();
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new BundleException(resource + ": no such resource on the classpath"
                    + " (did pplc-maven-plugin run, and does its outputFile match?)");
        }
        try (in) {
            return read(in, resource);
        } catch (IOException e) {
            throw new BundleException(resource + ": cannot read the bundle: " + describe(e), e);
        }
    }

    static PolicySet read(byte[] bytes, String name) {
        return load(bytes, name).policySet();
    }

    static Bundle load(byte[] bytes, String name) {
        try {
            Object parsed;
            try {
                parsed = Json.parse(bytes);
            } catch (JsonProcessingException e) {
                // report where, in one line, without Jackson's stack trace
                var loc = e.getLocation();
                throw new Fields.Damage("not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr()
                        + ", column " + loc.getColumnNr()) + ": " + firstLine(e.getOriginalMessage()));
            } catch (IOException e) {
                throw new Fields.Damage(describe(e)); // declared by the parser; reading a byte array does not fail
            }
            if (!(parsed instanceof Map<?, ?> doc) || !FORMAT.equals(doc.get("format"))) {
                throw new BundleException(name + ": not a pplc bundle (it has no \"format\": \"" + FORMAT + "\" header)");
            }
            Object version = doc.get("version");
            if (!(version instanceof Integer v) || v < 1) {
                throw new Fields.Damage("the header's \"version\" should be a format version (1, 2, ...) but is "
                        + (doc.containsKey("version") ? String.valueOf(version) : "missing"));
            }
            if (v > VERSION) {
                throw new BundleException(name + ": bundle format version " + v
                        + " is newer than this runtime supports (" + VERSION + "); upgrade pplc-runtime");
            }
            if (!(doc.get("sha256") instanceof String recorded)) {
                throw new Fields.Damage("the header has no \"sha256\" checksum");
            }
            if (!(doc.get("body") instanceof Map<?, ?> body)) throw new Fields.Damage("it has no \"body\" object");
            String actual = checksum(body);
            if (!actual.equals(recorded)) {
                throw new Fields.Damage("its contents do not match its checksum (sha256 recorded " + recorded
                        + ", computed " + actual + "); rebuild it rather than edit it");
            }
            PolicySet set = BundleReader.policySet(Fields.root(body));
            return new Bundle(new Bundle.Identity(name, recorded, v, Bundle.versions(set)), set);
        } catch (Fields.Damage d) {
            throw new BundleException(name + ": the bundle is damaged: " + d.getMessage());
        } catch (BundleException e) {
            throw e;
        } catch (RuntimeException e) {
            // a model constructor refused a value the checks above let through
            throw new BundleException(name + ": the bundle is damaged: " + describe(e), e);
        }
    }

    /** SHA-256 of the body written as compact JSON: independent of how the file is indented. */
    static String checksum(Object body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                Json.writeCompact(body, out);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
