package org.pplc.docs;

import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.runtime.policy.Payer;
import org.pplc.runtime.policy.Plan;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a reviewer must approve between two versions of the policies, rule by rule: payers and
 * plans added or removed, policies added or removed, and for every policy the facts its own layer
 * added, removed or changed (old value, new value, and where each is written). A change in a
 * lower layer is reported once, under that layer, not again under every policy built on it.
 */
public final class ChangeReport {
    private final Map<String, Object> model;
    private final int changes;

    private ChangeReport(Map<String, Object> model, int changes) {
        this.model = model;
        this.changes = changes;
    }

    /** Compares two clean compilations; {@code beforeName} and {@code afterName} label them (a git revision, a folder). */
    public static ChangeReport compare(Compilation before, String beforeName, Compilation after, String afterName) {
        if (before.hasErrors() || before.policySet() == null) throw new IllegalArgumentException("the old policies (" + beforeName + ") have errors");
        if (after.hasErrors() || after.policySet() == null) throw new IllegalArgumentException("the new policies (" + afterName + ") have errors");
        PolicySet b = before.policySet(), a = after.policySet();
        int count = 0;

        List<Object> payers = new ArrayList<>();
        Set<String> payerIds = new LinkedHashSet<>(a.payers().keySet());
        payerIds.addAll(b.payers().keySet());
        for (String id : payerIds) {
            Payer pb = b.payers().get(id), pa = a.payers().get(id);
            if (pb == null) payers.add(Model.map("kind", "added", "text", "payer " + id + " (" + pa.name() + ") with plans " + plans(pa), "source", Model.where(pa.source())));
            else if (pa == null) payers.add(Model.map("kind", "removed", "text", "payer " + id + " (" + pb.name() + ")", "source", Model.where(pb.source())));
            else if (!pb.name().equals(pa.name()) || !plans(pb).equals(plans(pa))) {
                payers.add(Model.map("kind", "changed", "text", "payer " + id + ": " + pb.name() + " with plans " + plans(pb)
                        + " → " + pa.name() + " with plans " + plans(pa), "source", Model.where(pa.source())));
            }
        }
        count += payers.size();

        List<Object> policies = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>(a.policies().keySet());
        ids.addAll(b.policies().keySet());
        for (String id : ids) {
            Policy pb = b.policy(id), pa = a.policy(id);
            List<PolicyDiff.FieldChange> meta = PolicyDiff.fieldChanges(meta(pb), meta(pa));
            Map<String, PolicyItems.Item> ib = pb == null ? Map.of() : PolicyItems.of(pb);
            Map<String, PolicyItems.Item> ia = pa == null ? Map.of() : PolicyItems.of(pa);
            List<PolicyDiff.Change> rules = PolicyDiff.between(ib, ia, layer -> layer.equals(id));
            if (meta.isEmpty() && rules.isEmpty()) continue;
            String status = pb == null ? "added" : pa == null ? "removed" : "changed";
            List<Object> metaRows = new ArrayList<>();
            for (PolicyDiff.FieldChange f : meta) {
                metaRows.add(Model.map("field", f.field(), "before", Objects.toString(f.before(), ""),
                        "after", Objects.toString(f.after(), ""), "hasBefore", f.before() != null, "hasAfter", f.after() != null));
            }
            Policy shown = pa != null ? pa : pb;
            policies.add(Model.map("id", id, "status", status,
                    "title", shown.meta() != null && shown.meta().title() != null ? shown.meta().title() : id,
                    "source", Model.where(shown.source()), "meta", metaRows, "changes", SiteModel.changeRows(rules),
                    "count", Integer.toString(metaRows.size() + rules.size())));
            count += metaRows.size() + rules.size();
        }
        Map<String, Object> m = Model.map("root", "", "title", "Policy changes from " + beforeName + " to " + afterName,
                "before", beforeName, "after", afterName, "payers", payers, "policies", policies,
                "total", Integer.toString(count));
        return new ChangeReport(m, count);
    }

    /** Compares the policies at a git revision with those in the working tree's directory. */
    public static ChangeReport sinceRevision(String revision, Path policiesDir) throws IOException {
        Compilation after = PolicyCompiler.compileDirectory(policiesDir);
        Compilation before = atRevision(revision, policiesDir);
        return compare(before, revision, after, policiesDir.toString().replace('\\', '/'));
    }

    /**
     * Compiles the policy directory as it was at a git revision: {@code git archive REV DIR} is
     * extracted into a temporary folder and compiled under the same file names the working tree
     * uses, so source positions read alike on both sides.
     */
    public static Compilation atRevision(String revision, Path policiesDir) throws IOException {
        if (revision.startsWith("-")) throw new IllegalArgumentException("not a git revision: " + revision);
        Path abs = policiesDir.toAbsolutePath().normalize();
        String top = run(abs.getParent() == null ? abs : abs.getParent(), null, "git", "-C", abs.toString(), "rev-parse", "--show-toplevel").trim();
        Path repo = Path.of(top);
        String rel = repo.relativize(abs).toString().replace('\\', '/');
        Path tmp = Files.createTempDirectory("pplc-docs-");
        try {
            Path tar = tmp.resolve("policies.tar");
            run(repo, tar, "git", "archive", "--format=tar", revision, "--", rel.isEmpty() ? "." : rel);
            Path tree = Files.createDirectories(tmp.resolve("tree"));
            run(tree, null, "tar", "-xf", tar.toString());
            Path old = tree.resolve(rel);
            if (!Files.isDirectory(old, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return PolicyCompiler.compileSources(List.of());
            // The old tree is walked as the working tree is (PolicyTree): a committed link (a blob of
            // mode 120000) is extracted as a link, and one that leaves the folder is refused, never
            // followed; files are named as the working tree names them.
            org.pplc.compiler.PolicyTree now = org.pplc.compiler.PolicyTree.open(policiesDir);
            return PolicyCompiler.compileTree(org.pplc.compiler.PolicyTree.open(old, now.name()),
                    new org.pplc.compiler.diag.Diagnostics());
        } finally {
            DocumentSite.deleteTree(tmp);
        }
    }

    private static String run(Path dir, Path stdout, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.redirectErrorStream(stdout == null);
        if (stdout != null) pb.redirectOutput(stdout.toFile());
        Process p = pb.start();
        String out;
        try (InputStream in = stdout == null ? p.getInputStream() : p.getErrorStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command[0]);
        }
        return out;
    }

    private static String plans(Payer p) {
        return p.plans().isEmpty() ? "none" : String.join(", ", p.plans().stream().map(Plan::id).toList());
    }

    private static Map<String, String> meta(Policy p) {
        Map<String, String> m = new TreeMap<>();
        if (p == null) return m;
        m.put("payer", Objects.toString(p.payer(), "all payers"));
        if (p.plan() != null) m.put("plan", p.plan());
        m.put("extends", Objects.toString(p.parent(), "nothing"));
        m.put("effective from", p.effectiveFrom().toString());
        m.put("effective through", p.effectiveThrough() == null ? "open-ended" : p.effectiveThrough().toString());
        if (p.meta() != null) {
            if (p.meta().title() != null) m.put("title", p.meta().title());
            if (p.meta().summary() != null) m.put("summary", p.meta().summary());
            if (p.meta().reviewed() != null) m.put("reviewed", p.meta().reviewed().toString());
            m.put("sources", String.join("; ", p.meta().sources()));
            m.put("update triggers", String.join("; ", p.meta().updateTriggers()));
        }
        return m;
    }

    /** How many things a reviewer must approve (0: nothing changed). */
    public int size() {
        return changes;
    }

    /** The report as HTML and Markdown: {@code changes.html} and {@code changes.md}, by file name. */
    public Map<String, byte[]> render() throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        out.put("changes.html", DocumentSite.bytes(new Templates(Escape.Format.HTML).render("changes", model)));
        out.put("changes.md", DocumentSite.bytes(new Templates(Escape.Format.MARKDOWN).render("changes", model)));
        out.put("style.css", DocumentSite.resource("templates/html/style.css"));
        return out;
    }

    /** Writes {@link #render()} into a directory; returns the files written. */
    public List<Path> write(Path outDir) throws IOException {
        List<Path> written = new ArrayList<>();
        Files.createDirectories(outDir);
        for (Map.Entry<String, byte[]> f : render().entrySet()) {
            Path p = outDir.resolve(f.getKey());
            Files.write(p, f.getValue());
            written.add(p);
        }
        return written;
    }
}
