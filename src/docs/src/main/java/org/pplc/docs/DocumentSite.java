package org.pplc.docs;

import org.pplc.compiler.Compilation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The reviewer documents: a static HTML site that works from the file system, and the same
 * content as Markdown.
 *
 * <pre>
 * outDir/html/index.html            payers, plans, policies with dates, codes, worked examples
 * outDir/html/codes/96417.html      one page per code
 * outDir/html/policies/uhc.html     one page per policy (the payer layer, each plan layer)
 * outDir/html/style.css             the one stylesheet (screen and print)
 * outDir/markdown/README.md         the same pages as Markdown (README.md is the index)
 * </pre>
 *
 * Output is deterministic: pages, rows and lists are in a fixed order, there are no timestamps,
 * the text is UTF-8 with LF line endings, and nothing depends on the default locale or time zone.
 */
public final class DocumentSite {
    private DocumentSite() {
    }

    /**
     * Renders the documents of a compilation without errors into {@code outDir}, replacing the
     * earlier documents there. The worked examples are derived from {@code policiesDir/examples/*.json}
     * ({@code policiesDir} may be null: no worked examples).
     *
     * @return the files written, relative to {@code outDir}, sorted
     * @throws IllegalArgumentException when the compilation has errors
     * @throws IOException              when the output cannot be written or an example cannot be read
     */
    public static List<String> render(Compilation compilation, Path policiesDir, Path outDir) throws IOException {
        return write(renderToMemory(compilation, policiesDir), outDir);
    }

    /**
     * Writes rendered files ({@link #renderToMemory}) into {@code outDir}, replacing the earlier
     * documents there; the only step that writes, so a command can tell a failed write (exit 3)
     * from policies or examples that could not be read.
     */
    public static List<String> write(Map<String, byte[]> files, Path outDir) throws IOException {
        for (String folder : List.of("html", "markdown")) deleteTree(outDir.resolve(folder));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path target = outDir.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, f.getValue());
        }
        return List.copyOf(files.keySet());
    }

    /** The files {@link #render} would write, by path relative to the output directory, sorted. */
    public static Map<String, byte[]> renderToMemory(Compilation compilation, Path policiesDir) throws IOException {
        if (compilation.hasErrors() || compilation.policySet() == null) {
            throw new IllegalArgumentException("the policies have errors; documents are rendered only from a clean compilation");
        }
        List<WorkedExamples.Example> examples = WorkedExamples.load(policiesDir, compilation.policySet());
        List<SiteModel.Page> pages = SiteModel.pages(compilation.policySet(), examples);
        Map<String, byte[]> out = new TreeMap<>();
        Templates html = new Templates(Escape.Format.HTML);
        Templates md = new Templates(Escape.Format.MARKDOWN);
        for (SiteModel.Page page : pages) {
            out.put("html/" + page.path() + ".html", bytes(html.render(page.kind(), page.model())));
            String mdPath = page.path().equals("index") ? "README" : page.path();
            out.put("markdown/" + mdPath + ".md", bytes(md.render(page.kind(), page.model())));
        }
        out.put("html/style.css", resource("templates/html/style.css"));
        return out;
    }

    static byte[] bytes(String s) {
        return s.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = DocumentSite.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing resource " + name);
            return bytes(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return;
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.forEach(all::add);
        }
        all.sort(Comparator.reverseOrder());
        try {
            for (Path p : all) Files.delete(p);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
