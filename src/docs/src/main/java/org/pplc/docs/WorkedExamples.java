package org.pplc.docs;

import org.pplc.runtime.claim.Administration;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.derive.Derivation;
import org.pplc.runtime.derive.Deriver;
import org.pplc.runtime.io.ClaimReader;
import org.pplc.runtime.io.ClaimRecord;
import org.pplc.runtime.policy.PolicySet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The worked examples: the example visits shipped beside the policies ({@code examples/*.json}),
 * coded by the same {@link Deriver} billing products call, so a document's lines and reasons are
 * the engine's, never hand-written.
 */
final class WorkedExamples {
    /** One example visit: the derived claim, or the reason derive gave none. */
    record Example(String file, String id, Claim visit, Derivation.Derived derived, String error) {
        boolean bills(String code) {
            return derived != null && derived.claim().lines().stream().anyMatch(l -> l.code().equals(code));
        }
    }

    private WorkedExamples() {
    }

    /** Every example visit under {@code policiesDir/examples}, in file-name order; none when the folder is absent. */
    static List<Example> load(Path policiesDir, PolicySet policies) throws IOException {
        List<Example> out = new ArrayList<>();
        if (policiesDir == null) return out;
        // the guarded walk: an example that is a link leaving the policies root is refused, not read
        org.pplc.compiler.PolicyTree tree = org.pplc.compiler.PolicyTree.open(policiesDir);
        org.pplc.compiler.diag.Diagnostics refused = new org.pplc.compiler.diag.Diagnostics();
        List<org.pplc.compiler.PolicyTree.Entry> files = tree.files("examples", ".json", 1, refused);
        if (refused.hasErrors()) {
            org.pplc.compiler.diag.Diagnostic d = refused.sorted().get(0);
            throw new IOException(d.span().file() + ": " + d.message());
        }
        Deriver deriver = new Deriver(policies);
        for (org.pplc.compiler.PolicyTree.Entry f : files) {
            String name = f.relative();
            try (InputStream in = Files.newInputStream(f.real(), java.nio.file.LinkOption.NOFOLLOW_LINKS); ClaimReader reader = new ClaimReader(in, ClaimReader.Purpose.DERIVE)) {
                while (reader.hasNext()) {
                    ClaimRecord r = reader.next();
                    if (r instanceof ClaimRecord.Invalid bad) {
                        out.add(new Example(name, bad.id() == null ? name : bad.id(), null, null, bad.error()));
                        continue;
                    }
                    Claim visit = ((ClaimRecord.Valid) r).claim();
                    Derivation d = deriver.derive(visit);
                    if (d instanceof Derivation.Derived ok) out.add(new Example(name, visit.id(), visit, ok, null));
                    else out.add(new Example(name, visit.id(), visit, null, ((Derivation.Failed) d).error()));
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return out;
    }

    /** The view of an example; lines of {@code highlight} (may be null) are marked, codes with a page are linked. */
    static Map<String, Object> view(Example e, String highlight, java.util.Set<String> pageCodes) {
        List<Object> administrations = new ArrayList<>();
        List<Object> lines = new ArrayList<>();
        if (e.visit() != null) {
            for (Administration a : e.visit().administrations()) {
                String minutes = a.start() == null || a.end() == null ? ""
                        : Long.toString(Duration.between(a.start(), a.end()).toMinutes());
                administrations.add(Model.map("drug", nz(a.drug()), "hcpcs", nz(a.hcpcs()), "category", nz(a.category()),
                        "method", a.method() == null ? "" : a.method().id(),
                        "start", a.start() == null ? "" : a.start().toString().replace('T', ' '),
                        "end", a.end() == null ? "" : a.end().toString().replace('T', ' '),
                        "minutes", minutes, "site", nz(a.site()),
                        "dose", a.dose() == null ? "" : a.dose().amount().stripTrailingZeros().toPlainString() + " " + a.dose().unit()));
            }
        }
        if (e.derived() != null) {
            for (ClaimLine l : e.derived().claim().lines()) {
                lines.add(Model.map("line", Integer.toString(l.line()), "code", l.code(), "units", Integer.toString(l.units()),
                        "modifiers", String.join(" ", l.modifiers()), "because", nz(l.because()),
                        "highlight", l.code().equals(highlight), "linked", pageCodes.contains(l.code())));
            }
        }
        Claim v = e.visit();
        return Model.map("id", nz(e.id()), "file", e.file(),
                "anchor", "example-" + Model.file(nz(e.id())).toLowerCase(java.util.Locale.ROOT),
                "payer", v == null ? "" : nz(v.payer()), "plan", v == null ? "" : nz(v.plan()),
                "setting", v == null || v.setting() == null ? "" : v.setting().id(),
                "date", v == null || v.dateOfService() == null ? "" : v.dateOfService().toString(),
                "policy", e.derived() == null ? "" : e.derived().policy(),
                "administrations", administrations, "lines", lines,
                "notes", e.derived() == null ? List.of() : e.derived().notes(),
                "error", nz(e.error()),
                "codes", e.derived() == null ? List.of() : e.derived().claim().lines().stream().map(ClaimLine::code)
                        .filter(pageCodes::contains).distinct().sorted().toList());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
