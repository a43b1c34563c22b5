package org.pplc.compiler.check;

import org.pplc.compiler.ast.Ast.*;
import org.pplc.runtime.model.IsoDates;
import org.pplc.compiler.diag.Diagnostics;
import org.pplc.compiler.diag.Span;
import org.pplc.runtime.model.Action;
import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.MueSetting;
import org.pplc.runtime.model.Role;
import org.pplc.runtime.model.RuleKind;
import org.pplc.runtime.model.TableQuarter;
import org.pplc.runtime.model.Setting;
import org.pplc.runtime.model.UnitBasis;
import org.pplc.runtime.engine.Texts;
import org.pplc.runtime.policy.Suggest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stage 3, check: symbol tables, layering (extends / override), effective dates and every
 * reference, each problem a diagnostic with "did you mean" where a near name exists. Checks run
 * in a fixed order so diagnostics are the same on every run.
 */
public final class Checker {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern CARC = Pattern.compile("(?:[A-Z]{0,2}\\d{1,3}|[A-Z]\\d{1,2})");
    private static final Pattern RARC = Pattern.compile("(?:M|N|MA)\\d{1,3}");

    /** Where diagnostics go; a layer whose 'extends' is missing reports to a filter (see {@link #layer}). */
    private Diagnostics diag;
    /** This layer's overrides with nothing below: reported once the rule itself proved valid (see {@link #layer}). */
    private final List<Fact> pendingOverrides = new ArrayList<>();
    private final Map<String, PayerDecl> payers = new LinkedHashMap<>();
    private final Map<String, PolicyDecl> policies = new LinkedHashMap<>();
    private final Map<String, String> fileOf = new HashMap<>();
    private final Map<String, Header> headers = new LinkedHashMap<>();
    private final Map<String, CheckedPolicy> checked = new LinkedHashMap<>();
    private final Map<String, LocalDate> dates = new HashMap<>();
    /**
     * One instance of each code (and MUE setting) named in a fact key. Layered lookups then
     * compare keys by identity rather than by text, and lowering shares the codes without
     * reading each statement's own copy of the text again.
     */
    private final Map<String, String> names = new HashMap<>();

    /**
     * The eager path's 'applies to' statements whose payer was not declared yet (the Medicare
     * baseline comes before the payer list): checked when every file has been read. Null in the
     * whole-set check, which declares every payer first.
     */
    private List<Applies> laterPayers;
    /** The eager path's policies by payer and plan (for overlapping dates), and its policies for all payers. */
    private final Map<List<String>, List<Header>> groups = new HashMap<>();
    private final List<CheckedPolicy> forAllPayers = new ArrayList<>();

    /** Told of each policy as soon as it is checked, while no error has been reported; or null. */
    private final Consumer<CheckedPolicy> whileClean;
    private boolean clean = true;

    private Checker(Diagnostics diag, Consumer<CheckedPolicy> whileClean) {
        this.diag = diag;
        this.whileClean = whileClean;
    }

    public static CheckResult check(List<PolicyFile> files, Diagnostics diag) {
        return new Checker(diag, null).run(files);
    }

    /**
     * Checks as {@link #check(List, Diagnostics)} does, and hands each policy to {@code whileClean}
     * as soon as it is checked (parents first), as long as no error has been reported so far: the
     * compiler lowers a policy while its syntax tree is still in the processor's cache, rather
     * than walking a hundred megabytes of it a second time. A policy handed over has passed every
     * check of its own and of its layers; whatever the consumer made is of no use if an error is
     * reported later.
     */
    public static CheckResult check(List<PolicyFile> files, Diagnostics diag, Consumer<CheckedPolicy> whileClean) {
        return new Checker(diag, java.util.Objects.requireNonNull(whileClean)).run(files);
    }

    /**
     * Checks file by file as the compiler parses them, so that each policy is checked (and handed
     * to {@code whileClean}) while its syntax tree is still in the processor's cache, instead of
     * after a hundred megabytes of tree have been built. This is a fast path for input in the usual
     * order (parents defined before the policies that extend them) and without errors: there every
     * check runs on what it would see in the whole-set check, so the result and the diagnostics are
     * the same. On anything else it gives up, and the caller checks the whole
     * set with {@link #check(List, Diagnostics, Consumer)} as before.
     */
    public static Eager eager(Consumer<CheckedPolicy> whileClean) {
        return new Eager(java.util.Objects.requireNonNull(whileClean));
    }

    /** See {@link #eager}. */
    public static final class Eager {
        /** Its diagnostics go to a scratch list, given to the caller's only when the fast path holds. */
        private final Diagnostics scratch = new Diagnostics();
        private final Checker checker;
        private boolean failed;

        private Eager(Consumer<CheckedPolicy> whileClean) {
            checker = new Checker(scratch, whileClean);
            checker.laterPayers = new ArrayList<>();
        }

        /**
         * Declares the file's payers and policies and checks its policies now (a payer not
         * declared yet is looked up in {@link #finish}). Gives up, and ignores the files after it,
         * on the first error or on a policy whose parent has not been checked yet: the whole-set
         * check orders and reports those.
         */
        public void offer(PolicyFile file) {
            if (failed) return;
            failed = !checker.offer(file);
        }

        /** Stops the fast path: a file did not parse, and nothing is checked. */
        public void abandon() {
            failed = true;
        }

        /**
         * Runs the checks that need every header (extends, overlapping dates, rules defined) and
         * returns the result, its diagnostics added to {@code diag}; or null when the fast path
         * gave up and the caller must check the whole set.
         */
        public CheckResult finish(Diagnostics diag) {
            if (failed) return null;
            CheckResult result = checker.finishEager();
            if (result == null) return null;
            // The whole-set check reports in another order; Diagnostics.sorted() puts them in one
            // order unless two differ only where ORDER does not look (code, help): then give up.
            List<org.pplc.compiler.diag.Diagnostic> found = new ArrayList<>(scratch.items());
            found.sort(Diagnostics.ORDER);
            for (int i = 1; i < found.size(); i++) {
                if (Diagnostics.ORDER.compare(found.get(i - 1), found.get(i)) == 0
                        && !found.get(i - 1).equals(found.get(i))) return null;
            }
            for (org.pplc.compiler.diag.Diagnostic d : scratch.items()) diag.add(d);
            return result;
        }
    }

    /** One file of the eager path; false when it must give up. */
    private boolean offer(PolicyFile file) {
        declare(List.of(file));
        if (diag.hasErrors()) return false;
        for (Declaration d : file.declarations()) {
            if (!(d instanceof PolicyDecl p)) continue;
            String id = p.id().text();
            Header h = header(p);
            headers.put(id, h);
            if (diag.hasErrors()) return false;
            // Parents first: with every parent checked before its children, the whole-set check's
            // layer order is the order of declaration, which is this order, and there is no cycle.
            if (h.parent() != null && !checked.containsKey(h.parent().parent().text())) return false;
            // The whole-set check's passes over every header, for this one while it is in the cache.
            checkParent(h);
            if (h.applies() != null && h.from() != null && !h.allPayers()) {
                List<Header> group = groups.computeIfAbsent(java.util.Arrays.asList(h.payer(), h.plan()),
                        k -> new ArrayList<>(2));
                for (Header a : group) overlap(a, h);
                group.add(h);
            }
            if (diag.hasErrors()) return false;
            layer(id);
            if (diag.hasErrors()) return false;
            if (h.payer() == null) forAllPayers.add(checked.get(id));
        }
        return true;
    }

    /** What {@link #run} checks after the headers and layers, once {@link #offer} took every file. */
    private CheckResult finishEager() {
        // Payers are all declared now; what the header would have said of them is said here.
        for (Applies a : laterPayers) checkApplies(a);
        if (diag.hasErrors()) return null;
        checkRulesDefined(forAllPayers);
        if (diag.hasErrors()) return null;
        return new CheckResult(List.copyOf(payers.values()), new ArrayList<>(checked.values()));
    }

    /** What a policy's own statements say about it, before layering. */
    private record Header(PolicyDecl decl, String file, Applies applies, Extends parent, Effective effective,
                          LocalDate from, LocalDate through, String title, String summary, List<String> sources,
                          LocalDate reviewed, List<String> updateTriggers) {
        boolean allPayers() {
            return applies != null && applies.allPayers();
        }

        String payer() {
            return applies == null || applies.allPayers() ? null : applies.payer().text();
        }

        String plan() {
            return applies == null || applies.plan() == null ? null : applies.plan().text();
        }
    }

    private CheckResult run(List<PolicyFile> files) {
        declare(files);
        for (PolicyDecl p : policies.values()) headers.put(p.id().text(), header(p));
        checkExtends();
        checkOverlaps();
        for (String id : layerOrder()) layer(id);
        checkRulesDefined(checked.values());
        List<CheckedPolicy> ordered = new ArrayList<>(checked.values());
        return new CheckResult(List.copyOf(payers.values()), ordered);
    }

    // ---- symbols ----

    private void declare(List<PolicyFile> files) {
        for (PolicyFile f : files) {
            for (Declaration d : f.declarations()) {
                if (d instanceof PayerDecl p) {
                    PayerDecl first = payers.putIfAbsent(p.id().text(), p);
                    if (first != null) {
                        diag.error("duplicate-payer", p.id().span(), "payer " + p.id().text()
                                + " is declared twice (first at " + first.id().span() + ")");
                        continue;
                    }
                    // A payer has a few plans: compare each with those before it rather than hash them.
                    List<PlanDecl> plans = p.plans();
                    for (int i = 1; i < plans.size(); i++) {
                        PlanDecl plan = plans.get(i);
                        PlanDecl firstPlan = null;
                        for (int j = 0; j < i && firstPlan == null; j++) {
                            if (plans.get(j).id().text().equals(plan.id().text())) firstPlan = plans.get(j);
                        }
                        if (firstPlan != null) {
                            diag.error("duplicate-plan", plan.id().span(), "plan " + plan.id().text() + " of payer "
                                    + p.id().text() + " is declared twice (first at " + firstPlan.id().span() + ")");
                        }
                    }
                } else if (d instanceof PolicyDecl p) {
                    PolicyDecl first = policies.putIfAbsent(p.id().text(), p);
                    if (first != null) {
                        diag.error("duplicate-policy", p.id().span(), "policy " + p.id().text()
                                + " is defined twice (first at " + first.id().span() + ")");
                    } else {
                        fileOf.put(p.id().text(), f.path());
                    }
                }
            }
        }
    }

    /** Statements a policy may make once, in the order {@link #header} numbers them. */
    private static final String[] ONCE = {"applies to", "extends", "effective", "reviewed", "title", "summary"};

    private Header header(PolicyDecl p) {
        Applies applies = null;
        Extends parent = null;
        Effective effective = null;
        String title = null, summary = null;
        LocalDate reviewed = null;
        List<String> sources = new ArrayList<>();
        List<String> triggers = new ArrayList<>();
        Span[] seen = new Span[ONCE.length];
        for (PolicyItem item : p.items()) {
            if (item instanceof RuleItem || item instanceof FromBlock) continue; // most items: nothing for the header
            int once = item instanceof Applies ? 0
                    : item instanceof Extends ? 1
                    : item instanceof Effective ? 2
                    : item instanceof Reviewed ? 3
                    : item instanceof Meta m && m.kind() == MetaKind.TITLE ? 4
                    : item instanceof Meta m && m.kind() == MetaKind.SUMMARY ? 5
                    : -1;
            if (once >= 0) {
                Span first = seen[once];
                if (first == null) seen[once] = item.span();
                if (first != null) {
                    diag.error("duplicate-statement", item.span(), "policy " + p.id().text() + " says '" + ONCE[once]
                            + "' twice (first at " + first + ")", "keep one");
                    continue;
                }
            }
            if (item instanceof Applies a) {
                applies = a;
                if (laterPayers != null && !a.allPayers() && !payers.containsKey(a.payer().text())) laterPayers.add(a);
                else checkApplies(a);
            } else if (item instanceof Extends e) {
                parent = e;
            } else if (item instanceof Effective e) {
                effective = e;
            } else if (item instanceof Reviewed r) {
                reviewed = date(r.date());
            } else if (item instanceof Meta m) {
                switch (m.kind()) {
                    case TITLE -> title = nonEmpty(m.values().get(0));
                    case SUMMARY -> summary = nonEmpty(m.values().get(0));
                    case SOURCE -> sources.add(nonEmpty(m.values().get(0)));
                    case UPDATE_WHEN -> m.values().forEach(v -> triggers.add(nonEmpty(v)));
                }
            }
        }
        if (applies == null) {
            diag.error("missing-applies", p.id().span(), "policy " + p.id().text() + " does not say whom it governs",
                    "add 'applies to payer <payer>' (with 'plan <plan>' for a plan) or 'applies to all payers'");
        }
        LocalDate from = null, through = null;
        if (effective == null) {
            diag.error("missing-effective", p.id().span(), "policy " + p.id().text() + " does not say when it is in force",
                    "add 'effective YYYY-MM-DD' (and 'through YYYY-MM-DD' when it ends)");
        } else {
            from = date(effective.from());
            through = effective.through() == null ? null : date(effective.through());
            if (from != null && through != null && through.isBefore(from)) {
                diag.error("date-order", effective.through().span(), "policy " + p.id().text() + " ends on " + through
                        + ", before it starts on " + from);
                through = null;
            }
        }
        sources.removeIf(s -> s == null);
        triggers.removeIf(s -> s == null);
        return new Header(p, fileOf.get(p.id().text()), applies, parent, effective, from, through, title, summary,
                sources, reviewed, triggers);
    }

    private String nonEmpty(Text t) {
        if (t.value().isBlank()) {
            diag.warning("empty-text", t.span(), "this text is empty", "write the text or remove the statement");
            return null;
        }
        return t.value();
    }

    private void checkApplies(Applies a) {
        if (a.allPayers()) return;
        PayerDecl payer = payers.get(a.payer().text());
        if (payer == null) {
            diag.error("unknown-payer", a.payer().span(), "unknown payer " + a.payer().text()
                    + Suggest.didYouMean(a.payer().text(), payers.keySet()), "payers are declared with 'payer <id> \"Name\"'");
            return;
        }
        if (a.plan() != null && !hasPlan(payer, a.plan().text())) {
            List<String> plans = payer.plans().stream().map(pl -> pl.id().text()).toList();
            diag.error("unknown-plan", a.plan().span(), "payer " + payer.id().text() + " has no plan " + a.plan().text()
                    + Suggest.didYouMean(a.plan().text(), plans), plans.isEmpty() ? "payer " + payer.id().text()
                    + " declares no plans" : "its plans: " + String.join(", ", plans));
        }
    }

    private static boolean hasPlan(PayerDecl payer, String plan) {
        for (PlanDecl p : payer.plans()) if (p.id().text().equals(plan)) return true;
        return false;
    }

    private LocalDate date(DateLit d) {
        // Thousands of policies name the same few dates: parse each text once (good dates only,
        // so a bad one is reported at every place it is written).
        LocalDate known = dates.get(d.text());
        if (known != null) return known;
        LocalDate parsed = IsoDates.date(d.text());
        if (parsed != null) {
            dates.put(d.text(), parsed);
            return parsed;
        }
        diag.error("bad-date", d.span(), d.text() + " is not a calendar date", "write dates as YYYY-MM-DD");
        return null;
    }

    // ---- layering ----

    private void checkExtends() {
        for (Header h : headers.values()) checkParent(h);
        // Cycles: follow each chain; report a cycle once, at the first policy of it in source order.
        // A chain that reached a policy already known to lead out of every cycle ends there: each
        // payer's chain is then walked up to its parent once rather than down to the core.
        Set<String> reported = new HashSet<>();
        Set<String> acyclic = new HashSet<>();
        for (String start : headers.keySet()) {
            List<String> path = new ArrayList<>(4);
            String cur = start;
            Header at;
            while (cur != null && !acyclic.contains(cur) && (at = headers.get(cur)) != null && !path.contains(cur)) {
                path.add(cur);
                Extends e = at.parent();
                cur = e == null ? null : e.parent().text();
            }
            if (cur == null || acyclic.contains(cur) || !headers.containsKey(cur)) {
                acyclic.addAll(path);
            } else if (path.contains(cur)) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(cur), path.size()));
                if (reported.addAll(cycle) || !reported.containsAll(cycle)) {
                    String first = headers.keySet().stream().filter(cycle::contains).findFirst().orElse(cur);
                    List<String> shown = rotate(cycle, first);
                    shown.add(first);
                    diag.error("extends-cycle", headers.get(first).parent().span(), "policies extend each other in a cycle: "
                            + String.join(" -> ", shown), "one of them must extend a lower layer instead");
                }
            }
        }
    }

    /** What the whole-set check says of one policy's 'extends' (the cycles apart). */
    private void checkParent(Header h) {
        String id = h.decl().id().text();
        if (h.parent() == null) {
            if (h.applies() != null && !h.allPayers()) {
                diag.error("missing-extends", h.decl().id().span(), "policy " + id + " governs payer " + h.payer()
                        + " but extends no policy", "payer policies build on the core and Medicare: add 'extends "
                        + suggestParent(h) + "'");
            }
            return;
        }
        String parentId = h.parent().parent().text();
        Header parent = headers.get(parentId);
        if (parent == null) {
            diag.error("unknown-policy", h.parent().parent().span(), "unknown policy " + parentId
                    + Suggest.didYouMean(parentId, headers.keySet()));
            return;
        }
        if (h.allPayers() && parent.applies() != null && !parent.allPayers()) {
            diag.error("layer-order", h.parent().span(), "policy " + id + " applies to all payers but extends "
                    + parentId + ", which governs payer " + parent.payer(),
                    "a policy for all payers may only extend another policy for all payers");
        } else if (h.through() != null && parent.from() != null && h.through().isBefore(parent.from())) {
            // Its rules would be layered over rules that were not in force on any of its days.
            diag.warning("never-applies", h.effective().span(), "policy " + id + " is in force " + range(h)
                    + ", all before " + parentId + ", the policy it extends, starts on " + parent.from(),
                    "extend the version of " + parentId + " in force then, or correct the dates");
        } else if (h.payer() != null && parent.plan() != null && !h.payer().equals(parent.payer())) {
            diag.warning("other-payer-parent", h.parent().span(), "policy " + id + " governs payer " + h.payer()
                    + " but extends " + parentId + ", a plan policy of payer " + parent.payer(),
                    "a payer's policies usually extend its own payer policy or the Medicare baseline");
        }
    }

    private String suggestParent(Header h) {
        for (Header other : headers.values()) {
            if (other != h && other.payer() != null && other.payer().equals(h.payer()) && other.plan() == null
                    && h.plan() != null) return other.decl().id().text();
        }
        for (Header other : headers.values()) if ("medicare".equals(other.payer()) && other.plan() == null) return other.decl().id().text();
        return "<policy>";
    }

    private static List<String> rotate(List<String> cycle, String first) {
        int i = cycle.indexOf(first);
        List<String> out = new ArrayList<>(cycle.subList(i, cycle.size()));
        out.addAll(cycle.subList(0, i));
        return out;
    }

    private void checkOverlaps() {
        // Only policies of the same payer and plan can overlap: compare within those groups, so
        // thousands of payers cost linear time rather than every pair of policies.
        Map<List<String>, List<Header>> groups = new LinkedHashMap<>();
        for (Header h : headers.values()) {
            if (h.applies() == null || h.from() == null || h.allPayers()) continue;
            groups.computeIfAbsent(java.util.Arrays.asList(h.payer(), h.plan()), k -> new ArrayList<>()).add(h);
        }
        for (List<Header> list : groups.values()) overlaps(list);
    }

    private void overlaps(List<Header> list) {
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) overlap(list.get(i), list.get(j));
        }
    }

    /** Reports whether two policies, {@code a} declared first, govern the same payer and plan on some day. */
    private void overlap(Header a, Header b) {
        if (a.applies() == null || b.applies() == null || a.from() == null || b.from() == null) return;
        if (!java.util.Objects.equals(a.payer(), b.payer()) || !java.util.Objects.equals(a.plan(), b.plan())) return;
        if (a.allPayers()) return; // core layers stack by extends, not by dates
        boolean overlap = (a.through() == null || !b.from().isAfter(a.through()))
                && (b.through() == null || !a.from().isAfter(b.through()));
        if (overlap) {
            String whom = "payer " + a.payer() + (a.plan() == null ? "" : " plan " + a.plan());
            diag.error("overlapping-dates", b.effective().span(), "policies " + a.decl().id().text() + " and "
                    + b.decl().id().text() + " both govern " + whom + " on " + later(a.from(), b.from())
                    + ": " + range(a) + " overlaps " + range(b), "end one with 'through' the day before the other starts");
        }
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static String range(Header h) {
        return h.from() + (h.through() == null ? " onward" : " through " + h.through());
    }

    /** Parents before children; policies in a cycle or with an unknown parent are left out (already reported). */
    private List<String> layerOrder() {
        // A set of the ordered ids as well: asking the list "contains" cost thousands of policies n^2.
        Set<String> out = new java.util.LinkedHashSet<>();
        Set<String> done = new HashSet<>();
        Set<String> onPath = new HashSet<>();
        for (String id : headers.keySet()) {
            onPath.clear(); // a path of its own from each start, as a fresh set would be
            visit(id, done, onPath, out);
        }
        return new ArrayList<>(out);
    }

    private boolean visit(String id, Set<String> done, Set<String> onPath, Set<String> out) {
        if (done.contains(id)) return out.contains(id);
        if (!onPath.add(id)) return false;
        Header h = headers.get(id);
        boolean ok = true;
        if (h.parent() != null) {
            String p = h.parent().parent().text();
            ok = headers.containsKey(p) && visit(p, done, onPath, out);
        }
        done.add(id);
        if (ok) out.add(id);
        return ok;
    }

    /**
     * What a payer policy without 'extends' reports only because nothing is below it: its codes
     * are unknown and its overrides change nothing. The missing 'extends' is the one error that
     * says so; these would each give the wrong fix.
     */
    private static final Set<String> KNOCK_ON = Set.of("unknown-code", "unknown-family", "override-nothing", "code-kind",
            "missing-property");

    private void layer(String id) {
        Header h = headers.get(id);
        boolean orphan = h.parent() == null && h.applies() != null && !h.allPayers();
        if (!orphan) {
            layerChecked(id, h);
            return;
        }
        Diagnostics real = diag;
        Diagnostics scratch = new Diagnostics();
        diag = scratch;
        try {
            layerChecked(id, h);
        } finally {
            diag = real;
        }
        for (org.pplc.compiler.diag.Diagnostic d : scratch.items()) if (!KNOCK_ON.contains(d.code())) diag.add(d);
    }

    private void layerChecked(String id, Header h) {
        CheckedPolicy parent = h.parent() == null ? null : checked.get(h.parent().parent().text());
        Scope below = parent == null ? null : parent.scope();
        pendingOverrides.clear();
        int statements = 0;
        for (PolicyItem item : h.decl().items()) statements += item instanceof FromBlock f ? f.rules().size() : 1;
        Scope scope = new Scope(below, statements);
        for (PolicyItem item : h.decl().items()) {
            if (item instanceof RuleItem r) addFacts(id, r, null, scope, below);
            else if (item instanceof FromBlock f) {
                if (f.quarter() != null) quarter(f);
                String citation = f.citation().value().isBlank() ? null : f.citation().value();
                for (RuleItem r : f.rules()) addFacts(id, r, citation, scope, below);
            }
        }
        Refs refs = new Refs(scope);
        List<Fact> own = scope.ownFacts();
        for (int i = 0, n = own.size(); i < n; i++) validate(own.get(i), refs, scope, true);
        // An override with nothing below: first whether the rule itself is right (the code, the
        // setting, the rule name), and only then that 'override' is the one mistake.
        for (Fact f : List.copyOf(pendingOverrides)) {
            int before = diag.errorCount();
            validate(f, refs, scope, false);
            if (diag.errorCount() == before) {
                diag.error("override-nothing", f.node().span(), "override of " + f.key() + ", which no layer below sets",
                        "remove 'override' to add it in this layer");
            }
        }
        if (below != null) unchanged(id, own, below);
        CheckedPolicy c = new CheckedPolicy(h.decl(), h.file(), id, h.payer(), h.plan(),
                h.parent() == null ? null : h.parent().parent().text(), h.from(), h.through(), h.title(), h.summary(),
                h.sources(), h.reviewed(), h.updateTriggers(), Collections.unmodifiableList(own), scope);
        checked.put(id, c);
        if (whileClean != null && clean && (clean = !diag.hasErrors())) whileClean.accept(c);
    }

    /** A group's quarter is a CMS table's quarter (2024Q3), and the group holds the MUE rows taken from that table. */
    private void quarter(FromBlock f) {
        Name q = f.quarter();
        if (TableQuarter.parse(q.text()) == null) {
            diag.error("quarter-format", q.span(), "'" + q.text() + "' is not a quarter",
                    "write the CMS table's quarter as year, Q and 1 to 4, e.g. quarter 2024Q3");
        }
        boolean mues = false;
        for (RuleItem r : f.rules()) mues |= r.definition() instanceof MueDef;
        if (!mues) {
            diag.error("quarter-without-mue", q.span(), "the group says it is a CMS table of quarter " + q.text()
                    + ", but it has no mue rows", "put the quarter on the group of mue rows imported from that table");
        }
    }

    private void addFacts(String layer, RuleItem item, String citation, Scope scope, Scope below) {
        boolean ov = item.override();
        if (item.definition() instanceof FamilyDef d) {
            add(new Fact(FactKey.of(FactKey.Kind.FAMILY, d.id().text()), d, d, ov, layer, citation), item, scope, below);
        } else if (item.definition() instanceof CodeDef d) {
            String cite = citation;
            for (CodeProp p : d.props()) if (p instanceof SourceProp s) cite = s.text().value();
            add(new Fact(FactKey.of(FactKey.Kind.CODE, name(d.code().text())), d, d, ov, layer, cite), item, scope, below);
        } else if (item.definition() instanceof DrugDef d) {
            add(new Fact(FactKey.of(FactKey.Kind.DRUG, name(d.hcpcs().text())), d, d, ov, layer, citation), item, scope, below);
        } else if (item.definition() instanceof MueDef d) {
            for (MueCap cap : d.caps()) {
                add(new Fact(FactKey.of(FactKey.Kind.MUE, name(d.code().text()), name(cap.setting().text())), d, cap, ov, layer,
                        citation), item, scope, below);
            }
        } else if (item.definition() instanceof AuthDef d) {
            for (Name c : d.codes()) {
                add(new Fact(FactKey.of(FactKey.Kind.AUTHORIZATION, name(c.text())), d, c, ov, layer, citation), item, scope, below);
            }
        } else if (item.definition() instanceof AuditDef d) {
            add(new Fact(FactKey.of(FactKey.Kind.AUDIT, name(d.code().text())), d, d, ov, layer, citation), item, scope, below);
        } else if (item.definition() instanceof ModifierDef d) {
            switch (d.kind()) {
                case DRUG_LINE -> add(new Fact(FactKey.of(FactKey.Kind.DRUG_LINE_MODIFIERS), d, d, ov, layer, citation),
                        item, scope, below);
                case SECOND_INITIAL -> add(new Fact(FactKey.of(FactKey.Kind.SECOND_INITIAL_MODIFIERS), d, d, ov, layer,
                        citation), item, scope, below);
                case ALLOWED -> {
                    for (Name c : d.codes()) {
                        add(new Fact(FactKey.of(FactKey.Kind.ALLOWED_MODIFIERS, name(c.text())), d, c, ov, layer, citation),
                                item, scope, below);
                    }
                }
            }
        } else if (item.definition() instanceof RuleDef d) {
            add(new Fact(FactKey.of(FactKey.Kind.RULE, d.id().text()), d, d, ov, layer, citation), item, scope, below);
        } else if (item.definition() instanceof TimingDef d) {
            for (TimingItem t : d.items()) {
                String phrase = t.phrase() + (t.upTo() ? " up to" : " after");
                add(new Fact(FactKey.of(FactKey.Kind.TIMING, phrase), d, t, ov, layer, citation), item, scope, below);
            }
        } else if (item.definition() instanceof InitialCodeDef d) {
            add(new Fact(FactKey.of(FactKey.Kind.INITIAL_CODE, d.setting().text()), d, d, ov, layer, citation), item,
                    scope, below);
        }
    }

    /** Adds one fact to the layer, or reports why it may not be set here. */
    private void add(Fact f, RuleItem item, Scope scope, Scope below) {
        if (!knownKey(f)) return;
        String layer = f.layer();
        Fact dup = scope.own(f.key());
        if (dup != null) {
            diag.error("duplicate-definition", f.node().span(), f.key() + " is set twice in policy " + layer
                    + " (first at " + dup.node().span() + ")", "keep one");
            return;
        }
        Fact was = below == null ? null : below.current(f.key());
        if (was != null && !f.override()) {
            diag.error("redefinition", f.node().span(), f.key() + " is already set by " + was.layer() + " ("
                    + was.node().span() + ")", "write 'override " + item.definition().kindWords()
                    + " ...' to change it in this layer");
            return;
        }
        if (was == null && f.override()) {
            pendingOverrides.add(f);
            return;
        }
        scope.add(f);
    }

    private String name(String text) {
        String was = names.putIfAbsent(text, text);
        return was == null ? text : was;
    }

    /** Rule names and time rules are closed lists: an unknown one is reported as such, not as a layering problem. */
    private boolean knownKey(Fact f) {
        if (f.definition() instanceof RuleDef d && RuleKind.fromId(d.id().text()) == null) {
            diag.error("unknown-rule", d.id().span(), "unknown rule " + d.id().text()
                    + Suggest.didYouMean(d.id().text(), RuleKind.ids()), "rules: " + String.join(", ", RuleKind.ids()));
            return false;
        }
        if (f.node() instanceof TimingItem t) {
            String phrase = f.key().name();
            if (!Vocabulary.TIMING.containsKey(phrase)) {
                diag.error("unknown-timing", t.span(), "unknown time rule '" + phrase + "'"
                        + Suggest.didYouMean(phrase, Vocabulary.TIMING.keySet()),
                        Vocabulary.timingHelp());
                return false;
            }
        }
        return true;
    }

    // ---- references and values ----

    /**
     * What a layer's references may name: everything in its scope, its own layer included. Answered
     * by the scope's layers (no per-policy copy of every name below); the ordered name lists are
     * built only when a reference is unknown and a suggestion is needed.
     */
    private static final class Refs {
        private final Scope scope;

        Refs(Scope scope) {
            this.scope = scope;
        }

        boolean code(String code) {
            return scope.has(FactKey.of(FactKey.Kind.CODE, code));
        }

        boolean family(String family) {
            return scope.has(FactKey.of(FactKey.Kind.FAMILY, family));
        }

        boolean billable(String code) {
            return scope.billable(code);
        }

        List<String> codes() {
            return named(FactKey.Kind.CODE);
        }

        List<String> families() {
            return named(FactKey.Kind.FAMILY);
        }

        private List<String> named(FactKey.Kind kind) {
            List<String> out = new ArrayList<>();
            for (FactKey key : scope.keys()) if (key.kind() == kind) out.add(key.name());
            return out;
        }
    }

    /** {@code layered}: the fact is in the scope, so what its layers add up to is checked as well. */
    private void validate(Fact f, Refs refs, Scope scope, boolean layered) {
        if (f.definition() instanceof FamilyDef d) {
            if (wholeNumber(d.rank()) && d.rank().intValue() < 1) diag.error("bad-number", d.rank().span(), "a family's rank starts at 1");
        } else if (f.definition() instanceof CodeDef d) {
            validateCode(d, f, refs, scope, layered);
        } else if (f.definition() instanceof DrugDef d) {
            codeRef(d.hcpcs());
            family(d.category(), refs);
            if (d.amount().value().signum() <= 0) {
                diag.error("bad-number", d.amount().span(), "a billing unit must be more than zero");
            }
        } else if (f.definition() instanceof MueDef d) {
            MueCap cap = (MueCap) f.node();
            if (cap == d.caps().get(0)) billable(d.code(), f, refs);
            wholeNumber(cap.cap());
            if (MueSetting.fromWord(cap.setting().text()) == null) {
                diag.error("unknown-setting", cap.setting().span(), "unknown MUE setting " + cap.setting().text()
                        + Suggest.didYouMean(cap.setting().text(), ids(MueSetting.values())),
                        "MUE tables are 'practitioner' (or the claim's word 'professional') and 'outpatient' (or 'facility')");
            }
            if (cap.indicator() != null && !Vocabulary.INDICATORS.containsKey(cap.indicator().text())) {
                diag.error("unknown-indicator", cap.indicator().span(), "unknown MUE indicator " + cap.indicator().text()
                        + Suggest.didYouMean(cap.indicator().text(), Vocabulary.INDICATORS.keySet()),
                        "write 'per line' (MAI 1), 'per day (policy)' (MAI 2) or 'per day (clinical)' (MAI 3)");
            }
        } else if (f.definition() instanceof AuthDef d) {
            billable((Name) f.node(), f, refs);
        } else if (f.definition() instanceof AuditDef d) {
            billable(d.code(), f, refs);
            if (wholeNumber(d.units()) && d.units().intValue() < 1) {
                diag.warning("audit-zero", d.units().span(), "an audit above 0 units sends every line of "
                        + d.code().text() + " to review", "give the unit count above which lines are reviewed");
            }
        } else if (f.definition() instanceof ModifierDef d) {
            if (d.kind() != ModifierKind.ALLOWED || f.node() == d.codes().get(0)) {
                for (Name m : d.modifiers()) modifier(m);
            }
            if (d.kind() == ModifierKind.ALLOWED) billable((Name) f.node(), f, refs);
        } else if (f.definition() instanceof RuleDef d) {
            validateRule(d, f, scope, layered);
        } else if (f.definition() instanceof TimingDef d) {
            TimingItem t = (TimingItem) f.node();
            String phrase = f.key().name();
            if (!Vocabulary.TIMING.containsKey(phrase)) {
                diag.error("unknown-timing", t.span(), "unknown time rule '" + phrase + "'"
                        + Suggest.didYouMean(phrase, Vocabulary.TIMING.keySet()),
                        Vocabulary.timingHelp());
            }
            wholeNumber(t.minutes());
        } else if (f.definition() instanceof InitialCodeDef d) {
            setting(d.setting());
            if (!Vocabulary.ORDERS.containsKey(d.orderWords())) {
                diag.error("unknown-order", d.order().get(0).span(), "unknown way of choosing the initial code '"
                        + d.orderWords() + "'" + Suggest.didYouMean(d.orderWords(), Vocabulary.ORDERS.keySet()),
                        "write 'follows hierarchy' or 'follows primary reason'");
            }
        }
    }

    private static final java.math.BigDecimal MAX_WHOLE = java.math.BigDecimal.valueOf(Integer.MAX_VALUE);

    /**
     * True when a whole number the language reads (a family rank, an MUE cap, audit units, a time
     * rule's minutes) fits the rule objects' int; else an error at the number. The grammar's INT
     * has no sign, so only the top of the range can be broken; without this check lowering failed
     * with an internal error and no location (issue 18).
     */
    private boolean wholeNumber(Num n) {
        if (n.value().compareTo(MAX_WHOLE) <= 0) return true;
        diag.error("bad-number", n.span(), n.text() + " is too large: a whole number in a policy is at most 2147483647",
                "write the number the rule means; no cap, threshold, rank or time needs more");
        return false;
    }

    private void validateCode(CodeDef d, Fact f, Refs refs, Scope scope, boolean layered) {
        codeRef(d.code());
        Map<String, Span> seen = new HashMap<>();
        for (CodeProp p : d.props()) {
            String w = p instanceof InitialProp || p instanceof AddOnProp ? "initial / add-on" : p.words();
            Span first = seen.putIfAbsent(w, p.span());
            if (first != null) {
                boolean kinds = w.startsWith("initial /") && !p.span().equals(first)
                        && d.props().stream().anyMatch(x -> x instanceof InitialProp)
                        && d.props().stream().anyMatch(x -> x instanceof AddOnProp);
                diag.error("duplicate-property", p.span(), kinds
                        ? "code " + d.code().text() + " says both 'initial' and 'add-on of' (first at " + first + ")"
                        : "code " + d.code().text() + " says '" + p.words() + "' more than once (first at " + first + ")",
                        kinds ? "an add-on code says 'add-on of <primaries>'; an initial code says 'initial'" : "keep one");
                continue;
            }
            if (p instanceof AddOnProp a) {
                for (Name primary : a.primaries()) {
                    if (primary.text().equals(d.code().text())) {
                        diag.error("self-primary", primary.span(), d.code().text() + " cannot be its own primary");
                    } else if (!refs.code(primary.text())) {
                        unknownCode(primary, refs.codes());
                    }
                }
            } else if (p instanceof FamilyProp fp) {
                family(fp.family(), refs);
            } else if (p instanceof MethodProp m) {
                Method method = Method.fromId(m.method().text());
                if (method == null) {
                    diag.error("unknown-method", m.method().span(), "unknown method " + m.method().text()
                            + Suggest.didYouMean(m.method().text(), Method.codeIds()),
                            "methods: " + String.join(", ", Method.codeIds()));
                } else if (!method.ofCodes()) {
                    // 'refill' is what an administration record says; its code is the pump's refill role
                    diag.error("record-method", m.method().span(), "method " + method.id()
                            + " is for administration records, not codes",
                            "a code that bills a pump refill is written 'method pump' with 'role refill'");
                }
            } else if (p instanceof RoleProp r) {
                if (Role.fromId(r.role().text()) == null) {
                    diag.error("unknown-role", r.role().span(), "unknown role " + r.role().text()
                            + Suggest.didYouMean(r.role().text(), Arrays.stream(Role.values()).map(Role::id).toList()),
                            "roles: " + Role.ids());
                }
            } else if (p instanceof UnitProp u) {
                if (UnitBasis.fromId(u.unit().text()) == null) {
                    diag.error("unknown-unit", u.unit().span(), "unknown unit " + u.unit().text()
                            + Suggest.didYouMean(u.unit().text(), ids(UnitBasis.values())),
                            "one unit is per encounter, hour, drug, injection or refill");
                }
            } else if (p instanceof OnlyProp o) {
                setting(o.setting());
            }
        }
        if (!layered) return;
        // After layering, a code must say everything derive and the engine rely on.
        CodeMerge.Merged merged = CodeMerge.merge(scope.history(f.key()));
        if (!merged.standalone() && merged.addOn() == null) {
            diag.error("code-kind", d.code().span(), "code " + d.code().text() + " does not say whether it is initial or an add-on",
                    "add 'initial' or 'add-on of <primary codes>'");
        }
        List<String> missing = new ArrayList<>();
        if (merged.family() == null) missing.add("family");
        if (merged.method() == null) missing.add("method");
        if (merged.role() == null) missing.add("role");
        if (merged.unit() == null) missing.add("unit");
        if (!missing.isEmpty()) {
            diag.error("missing-property", d.code().span(), "code " + d.code().text() + " does not say its "
                    + String.join(", ", missing), "add '" + missing.get(0) + " ...' to the code block");
        }
    }

    private void validateRule(RuleDef d, Fact f, Scope scope, boolean layered) {
        RuleKind kind = RuleKind.fromId(d.id().text());
        if (kind == null) {
            diag.error("unknown-rule", d.id().span(), "unknown rule " + d.id().text()
                    + Suggest.didYouMean(d.id().text(), RuleKind.ids()), "rules: " + String.join(", ", RuleKind.ids()));
            return;
        }
        Map<String, Span> seen = new HashMap<>();
        for (RuleProp p : d.props()) {
            Span first = seen.putIfAbsent(p.words(), p.span());
            if (first != null) {
                diag.error("duplicate-property", p.span(), "rule " + d.id().text() + " says '" + p.words()
                        + "' more than once (first at " + first + ")", "keep one");
                continue;
            }
            if (p instanceof RuleAction a) {
                if (Action.fromId(a.action().text()) == null) {
                    diag.error("unknown-action", a.action().span(), "unknown action " + a.action().text()
                            + Suggest.didYouMean(a.action().text(), ids(Action.values())), "actions: deny, review, warn");
                }
            } else if (p instanceof RuleCarc c) {
                if (!CARC.matcher(c.carc().text()).matches()) {
                    diag.error("bad-carc", c.carc().span(), c.carc().text() + " is not a claim adjustment reason code",
                            "CARCs are X12 codes such as 16, 107, 151 or B15");
                }
            } else if (p instanceof RuleRarc r) {
                for (Name n : r.rarcs()) {
                    if (!RARC.matcher(n.text()).matches()) {
                        diag.error("bad-rarc", n.span(), n.text() + " is not a remittance advice remark code",
                                "RARCs are X12 codes such as N122, N362 or MA130");
                    }
                }
            } else if (p instanceof RuleMessage m) {
                placeholders(m.text(), kind);
            } else if (p instanceof RuleFix x) {
                placeholders(x.text(), kind);
            } else if (p instanceof RuleAppeal a) {
                if (a.text() != null) placeholders(a.text(), kind);
            }
        }
        if (!layered) return;
        RuleMerge.Merged merged = RuleMerge.merge(scope.history(f.key()));
        List<String> missing = new ArrayList<>();
        if (merged.action() == null) missing.add("action");
        if (merged.carc() == null) missing.add("carc");
        if (merged.message() == null) missing.add("message");
        if (merged.fix() == null) missing.add("fix");
        if (!missing.isEmpty()) {
            diag.error("missing-property", d.id().span(), "rule " + d.id().text() + " does not say its "
                    + String.join(", ", missing), "add '" + missing.get(0) + " ...' to the rule block");
        }
        if (merged.carc() != null && (merged.carc().text().equals("16") || merged.carc().text().equals("96"))
                && (merged.rarc() == null || merged.rarc().rarcs().isEmpty())) {
            diag.warning("carc-needs-rarc", merged.carc().span(), "CARC " + merged.carc().text()
                    + " is sent with a remark code, and rule " + d.id().text() + " gives none", "add 'rarc N...'");
        }
    }

    private void placeholders(Text text, RuleKind kind) {
        String s = text.value();
        Matcher m = PLACEHOLDER.matcher(s);
        while (m.find()) {
            String name = m.group(1);
            if (!kind.placeholders().contains(name)) {
                diag.error("unknown-placeholder", text.span(), "rule " + kind.id() + " has no placeholder {" + name + "}"
                        + Suggest.didYouMean(name, kind.placeholders().stream().sorted().toList()),
                        "its placeholders: " + String.join(", ", kind.placeholders().stream().sorted().map(x -> "{" + x + "}").toList()));
            }
        }
        String stripped = PLACEHOLDER.matcher(s).replaceAll("");
        if (stripped.indexOf('{') >= 0 || stripped.indexOf('}') >= 0) {
            diag.error("unclosed-placeholder", text.span(), "a placeholder brace is not closed in this text",
                    "write placeholders as {code}");
        }
    }

    private void checkRulesDefined(Iterable<CheckedPolicy> policies) {
        // A rule that no policy for all payers defines never fires for anyone: say so once, at the first root.
        CheckedPolicy root = null;
        Set<String> defined = new HashSet<>();
        for (CheckedPolicy p : policies) {
            if (p.payer() != null) continue;
            if (root == null && p.parent() == null) root = p;
            for (FactKey key : p.scope().keys()) if (key.kind() == FactKey.Kind.RULE) defined.add(key.name());
        }
        if (root == null) return;
        List<String> missing = RuleKind.ids().stream().filter(r -> !defined.contains(r)).toList();
        if (!missing.isEmpty()) {
            diag.warning("missing-rule", root.decl().id().span(), "no policy for all payers defines rule "
                    + String.join(", ", missing) + ": its findings are never reported",
                    "define 'rule " + missing.get(0) + " { action ... carc ... message ... fix ... }'");
        }
    }

    // ---- leaves ----

    private void codeRef(Name code) {
        String c = code.text();
        if (!(c.length() == 5 && c.chars().allMatch(ch -> Character.isLetterOrDigit(ch) && !Character.isLowerCase(ch)))) {
            diag.error("bad-code", code.span(), c + " is not a CPT or HCPCS code", "codes have five characters, e.g. 96413, J9312, 0001U");
        }
    }

    /** {@code code} is the reference as written, the name of the fact's key; looked up by the key's shared instance. */
    private void billable(Name code, Fact f, Refs refs) {
        // Suggestions come from the codes of the hierarchy only: a drug code that merely looks like another
        // (J9271 and J9070) is another drug, and policy text names no drug to match by name.
        if (!refs.billable(f.key().name())) unknownCode(code, refs.codes());
    }

    /**
     * A well-formed code (five characters) is suggested only a code one slip away: two neighbouring
     * characters swapped (96471 for 96417) or the last one different (96418 for 96416, 96417: CPT
     * numbers a family's codes in a run). Anything else is likely a real code the hierarchy does
     * not define yet (96380), and a neighbour would be a guess; a malformed code gets the nearest.
     */
    private void unknownCode(Name code, java.util.Collection<String> known) {
        String c = code.text();
        if (!wellFormedCode(c)) {
            diag.error("unknown-code", code.span(), "unknown code " + c + Suggest.didYouMean(c, known),
                    "codes must be defined by a 'code' or 'drug' rule in this policy or a layer below");
            return;
        }
        List<String> slips = Suggest.codeSlips(c, known);
        if (!slips.isEmpty()) {
            diag.error("unknown-code", code.span(), "unknown code " + c + " (did you mean " + Texts.or(slips) + "?)",
                    "codes must be defined by a 'code' or 'drug' rule in this policy or a layer below");
            return;
        }
        diag.error("unknown-code", code.span(), "unknown code " + c + ": the hierarchy and the drug table do not define it",
                "define it below the rules that use it: 'code " + c + " \"...\" { initial (or add-on of ...) family ... "
                        + "method ... role ... unit per ... }' in the core hierarchy (policies/core/cpt-admin.ppl), or "
                        + "'drug " + c + " ...' in the drug table (policies/core/drugs.ppl)");
    }

    private static boolean wellFormedCode(String c) {
        return c.length() == 5 && c.chars().allMatch(ch -> Character.isLetterOrDigit(ch) && !Character.isLowerCase(ch));
    }

    // ---- restating what is below ----

    /**
     * Warns on an override that says what the layer below already says, and on a layer whose
     * every rule is such an override: it changes nothing, so it misleads a reviewer.
     */
    private void unchanged(String id, List<Fact> own, Scope below) {
        int same = 0;
        for (Fact f : own) {
            if (!f.override()) continue;
            Fact was = below.current(f.key());
            if (was == null || !restates(f, was, below)) continue;
            same++;
            diag.warning("override-unchanged", f.node().span(), "override of " + f.key() + " says what " + was.layer()
                    + " already says (" + was.node().span() + ")", "remove it, or write the value this layer changes");
        }
        if (same > 0 && same == own.size()) {
            Header h = headers.get(id);
            diag.warning("layer-unchanged", h.decl().id().span(), "policy " + id + " changes nothing: every rule it "
                    + "sets is what " + h.parent().parent().text() + " already says", "remove the policy, or change a rule in it");
        }
    }

    private static boolean restates(Fact f, Fact was, Scope below) {
        if (f.definition() instanceof RuleDef) {
            List<Fact> history = new ArrayList<>(below.history(f.key()));
            RuleMerge.Merged before = RuleMerge.merge(history);
            history.add(f);
            return org.pplc.compiler.format.AstComparison.sameStructure(before, RuleMerge.merge(history));
        }
        if (f.definition() instanceof CodeDef) {
            List<Fact> history = new ArrayList<>(below.history(f.key()));
            CodeMerge.Merged before = CodeMerge.merge(history);
            history.add(f);
            CodeMerge.Merged after = CodeMerge.merge(history);
            return org.pplc.compiler.format.AstComparison.sameStructure(withoutLatest(before), withoutLatest(after));
        }
        if (f.definition() instanceof AuthDef a) return was.definition() instanceof AuthDef b && a.required() == b.required();
        if (f.definition() instanceof ModifierDef a && a.kind() == ModifierKind.ALLOWED) {
            return was.definition() instanceof ModifierDef b
                    && org.pplc.compiler.format.AstComparison.sameStructure(a.modifiers(), b.modifiers());
        }
        if (f.definition() instanceof MueDef) {
            MueCap a = (MueCap) f.node(), b = (MueCap) was.node();
            return a.cap().value().compareTo(b.cap().value()) == 0 && Vocabulary.sameIndicator(a.indicator(), b.indicator());
        }
        return org.pplc.compiler.format.AstComparison.sameStructure(f.node(), was.node());
    }

    private static CodeMerge.Merged withoutLatest(CodeMerge.Merged m) {
        return new CodeMerge.Merged(null, m.title(), m.standalone(), m.addOn(), m.family(), m.method(), m.role(), m.unit(),
                m.only(), m.description());
    }

    private void family(Name f, Refs refs) {
        if (!refs.family(f.text())) {
            List<String> families = refs.families();
            diag.error("unknown-family", f.span(), "unknown family " + f.text() + Suggest.didYouMean(f.text(), families),
                    families.isEmpty() ? "declare families with 'family <id> rank <n> \"Title\"'"
                            : "families: " + String.join(", ", families));
        }
    }

    private void setting(Name s) {
        if (Setting.fromId(s.text()) == null) {
            diag.error("unknown-setting", s.span(), "unknown setting " + s.text()
                    + Suggest.didYouMean(s.text(), ids(Setting.values())), "settings: facility, professional");
        }
    }

    private void modifier(Name m) {
        if (!isModifier(m.text())) {
            diag.error("bad-modifier", m.span(), m.text() + " is not a modifier", "modifiers are two characters, e.g. 59, XU, JW");
        }
    }

    /** Two capital letters or digits: the MODIFIER pattern, without a matcher for every modifier of every rule. */
    private static boolean isModifier(String s) {
        return s.length() == 2 && modifierChar(s.charAt(0)) && modifierChar(s.charAt(1));
    }

    private static boolean modifierChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static List<String> ids(Enum<?>[] values) {
        List<String> out = new ArrayList<>();
        for (Enum<?> v : values) out.add(v.name().toLowerCase(java.util.Locale.ROOT));
        return out;
    }
}
