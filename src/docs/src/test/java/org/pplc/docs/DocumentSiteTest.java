package org.pplc.docs;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pplc.compiler.Compilation;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.engine.Adjudicator;
import org.pplc.runtime.model.Code;
import org.pplc.runtime.model.RuleKind;
import org.pplc.runtime.model.Setting;
import org.pplc.runtime.policy.Policy;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentSiteTest {
    static Compilation shipped;
    static Map<String, byte[]> site;

    @BeforeAll
    static void render() {
        shipped = Fixtures.shipped();
        site = Fixtures.render(shipped, Fixtures.SHIPPED);
    }

    /**
     * A policy's row on a code page lists the denial codes of the rules that policy applies to the
     * code, and no others: Medicare sets no prior authorization or audit, so its rows name neither.
     */
    @Test
    void payerRowsListOnlyTheRulesThePolicyAppliesToTheCode() {
        Pattern row = Pattern.compile("^\\| .*?\\(\\.\\./policies/([a-z0-9-]+)\\.md\\).*$", Pattern.MULTILINE);
        int authorizationRows = 0, checked = 0;
        for (org.pplc.runtime.model.Code c : medicare().codes().values()) {
            String page = Fixtures.text(site, "markdown/codes/" + c.code() + ".md");
            if (page == null) continue;
            Matcher m = row.matcher(page);
            while (m.find()) {
                Policy p = shipped.policySet().policy(m.group(1));
                if (p == null) continue;
                var r = p.rulesFor(c.code());
                boolean required = r != null && r.authorization() != null && r.authorization().required();
                String line = m.group();
                checked++;
                assertEquals(required, line.contains("authorization-missing"), c.code() + " " + p.id() + ": " + line);
                assertEquals(r != null && r.authorization() != null, line.contains("authorization-exceeded"), c.code() + " " + p.id());
                assertEquals(r != null && r.audit() != null, line.contains("audit-threshold"), c.code() + " " + p.id());
                if (required) authorizationRows++;
            }
        }
        assertTrue(checked > 100, "rows checked: " + checked);
        assertTrue(authorizationRows > 0, "no row with an authorization rule: the check above could not fail");
    }

    private static Document html(String name) {
        return Jsoup.parse(Fixtures.text(site, name), "file:///site/" + name);
    }

    @Test
    void everyInternalLinkResolvesToAFileAndAnchor() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (String name : site.keySet()) {
            if (!name.endsWith(".html")) continue;
            Document d = html(name);
            for (Element e : d.select("a[href], link[href]")) {
                String href = e.attr("href");
                assertFalse(href.startsWith("http:") || href.startsWith("https:") || href.startsWith("//"),
                        name + " links outside the site: " + href);
                URI target = URI.create("file:///site/" + name).resolve(href);
                String path = target.getPath().substring("/site/".length());
                checked++;
                if (!site.containsKey(path)) {
                    broken.add(name + " -> " + href);
                    continue;
                }
                String fragment = target.getFragment();
                if (fragment != null && path.endsWith(".html") && html(path).getElementById(fragment) == null) {
                    broken.add(name + " -> " + href + " (no anchor)");
                }
            }
            for (Element e : d.select("script, iframe, img[src^=http], [src^=http]")) broken.add(name + " loads " + e);
        }
        assertTrue(checked > 1000, "links checked: " + checked);
        assertEquals(List.of(), broken);
    }

    @Test
    void markdownLinksResolveToo() {
        Pattern link = Pattern.compile("\\]\\(([^)\\s]+)\\)");
        List<String> broken = new ArrayList<>();
        for (String name : site.keySet()) {
            if (!name.endsWith(".md")) continue;
            var m = link.matcher(Fixtures.text(site, name));
            while (m.find()) {
                String path = URI.create("file:///site/" + name).resolve(m.group(1)).getPath().substring("/site/".length());
                if (!site.containsKey(path)) broken.add(name + " -> " + m.group(1));
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void noPlaceholderOrPolicySyntaxLeaks() {
        Pattern leak = Pattern.compile("\\{[a-zA-Z]+\\}|\\$[a-zA-Z{!]|#(if|foreach|end|set|macro)\\b|\\boverride rule\\b|\\bpolicy [a-z-]+ \\{|\\brarc none\\b");
        for (String name : site.keySet()) {
            if (name.endsWith(".css")) continue;
            String text = name.endsWith(".html") ? html(name).text() : Fixtures.text(site, name);
            var m = leak.matcher(text);
            assertFalse(m.find(), () -> name + " leaks '" + m.group() + "'");
        }
    }

    @Test
    void codePageOf96417ShowsItsOnlyPrimaryAndEveryPayerAndPlan() {
        Document d = html("html/codes/96417.html");
        Elements primaries = d.select("#hierarchy + p + ul li a");
        assertEquals(List.of("96413"), primaries.eachText());
        Elements rows = d.select("table.payers tbody tr");
        Set<String> expected = new TreeSet<>();
        for (Policy p : shipped.policySet().policies().values()) if (p.payer() != null) expected.add(p.id());
        Set<String> shown = new TreeSet<>();
        for (Element r : rows) {
            shown.add(r.select("td").get(1).text());
            assertEquals("3 per day (clinical)", r.select("td").get(3).ownText(), "practitioner MUE of " + r.text());
            assertEquals("3 per day (clinical)", r.select("td").get(4).ownText(), "outpatient MUE of " + r.text());
        }
        assertEquals(expected, shown);
        // Aetna commercial audits 96417 above 3 units; Medicare does not: the cell is marked
        Element aetna = rows.stream().filter(r -> r.select("td").get(1).text().equals("aetna-commercial")).findFirst().orElseThrow();
        Element audit = aetna.select("td").get(6);
        assertTrue(audit.hasClass("differs"), audit.outerHtml());
        assertTrue(audit.text().contains("review above 3 units") && audit.text().contains("differs from Medicare"), audit.text());
        Element medicare = rows.get(0);
        assertEquals("medicare-part-b", medicare.select("td").get(1).text());
        assertTrue(medicare.select("td.differs").isEmpty());
    }

    /**
     * The document never disagrees with the engine: a code page lists the second-initial-code denial
     * exactly when the engine denies that code billed beside another initial service without a
     * distinct-site modifier (a pump start or refill is billed beside the initial, never denied so).
     */
    @Test
    void secondInitialDenialIsListedExactlyWhereTheEngineFiresIt() {
        Adjudicator engine = new Adjudicator(shipped.policySet());
        Policy medicare = shipped.policySet().policy("medicare-part-b");
        int listed = 0;
        int notListed = 0;
        for (Code c : medicare.codes().values()) {
            if (c.addOn() || c.onlyIn() == Setting.PROFESSIONAL) continue;
            String other = c.code().equals("96413") ? "96365" : "96413";
            Claim claim = new Claim("T-" + c.code(), "medicare", null, Setting.FACILITY, "22", LocalDate.of(2026, 3, 2),
                    List.of(new ClaimLine(1, other, 1, List.of()), new ClaimLine(2, c.code(), 1, List.of())), List.of(), List.of());
            boolean fired = engine.evaluate(claim).findings().stream()
                    .anyMatch(f -> f.rule() == RuleKind.SINGLE_INITIAL_CODE);
            String page = Fixtures.text(site, "markdown/codes/" + c.code() + ".md");
            boolean shown = page.contains("**Rule:** single-initial-code in");
            assertEquals(fired, shown, c.code() + ": engine fires the second-initial denial: " + fired + ", page lists it: " + shown);
            // and the page's own words: the one-initial-code sentence, the first step of its decision tree
            assertEquals(fired, page.contains("A visit has one initial code"), c.code() + " quick answer");
            assertEquals(fired, page.contains("Is it the first initial service of the visit"), c.code() + " decision tree");
            // the role's words and the kind: only a code the check counts is the first (initial) service or an initial code
            Document d = html("html/codes/" + c.code() + ".html");
            String quick = section(d, "quick");
            assertEquals(fired, quick.contains("first (initial) service"), c.code() + " quick answer: " + quick);
            assertEquals(fired, quick.contains(c.code() + " is an initial code"), c.code() + " quick answer: " + quick);
            // beside the initial code, except the port flush: CPT reports it only as the day's only service
            boolean flush = c.role() == org.pplc.runtime.model.Role.REFILL && c.method() != org.pplc.runtime.model.Method.PUMP;
            assertEquals(!fired && !flush, quick.contains("reported beside it"), c.code() + " quick answer: " + quick);
            assertEquals(flush, quick.contains("only as the day's only service"), c.code() + " quick answer: " + quick);
            assertEquals(fired, fact(d, "Kind").equals("initial"), c.code() + " kind " + fact(d, "Kind"));
            if (shown) listed++;
            else notListed++;
        }
        // both kinds are among the shipped codes: 96365, 96409... are initial services; 96416, 96521 are not
        assertTrue(listed > 5 && notListed >= 2, listed + " listed, " + notListed + " not");
    }

    /** The line of the code page's "a second code at a separate IV site" list that names the policy in the setting. */
    private static String secondSiteLine(String page, String setting, String policy) {
        String link = "[" + policy + "](../policies/" + policy + ".md)";
        for (String l : page.split("\n")) {
            if (l.startsWith("- **" + setting + "**, ") && l.contains(link)) return l;
        }
        return null;
    }

    @Test
    void secondLineAtASeparateSiteIsDescribedAsTheEngineDecidesIt() {
        Adjudicator engine = new Adjudicator(shipped.policySet());
        Policy medicare = shipped.policySet().policy("medicare-part-b");
        int accepted = 0, deniedByMue = 0;
        for (Code c : medicare.codes().values()) {
            String page = Fixtures.text(site, "markdown/codes/" + c.code() + ".md");
            if (!c.initialIvService()) {
                assertFalse(page.contains("at a separate IV site is accepted"), c.code());
                continue;
            }
            assertTrue(page.contains("The modifier does not lift the MUE"), c.code() + " common question on a second initial code");
            for (Policy p : shipped.policySet().policies().values()) {
                if (p.payer() == null || p.secondInitialModifiers() == null) continue;
                String modifier = p.secondInitialModifiers().modifiers().get(0);
                for (Setting setting : List.of(Setting.PROFESSIONAL, Setting.FACILITY)) {
                    String words = setting == Setting.FACILITY ? "outpatient hospital" : "practitioner";
                    Claim claim = new Claim("S-" + c.code(), p.payer(), p.plan(), setting, setting == Setting.FACILITY ? "22" : "11",
                            p.effectiveFrom(), List.of(new ClaimLine(1, c.code(), 1, List.of()),
                            new ClaimLine(2, c.code(), 1, List.of(modifier))), List.of(), List.of());
                    var findings = engine.evaluate(claim).findings();
                    assertFalse(findings.stream().anyMatch(f -> f.rule() == RuleKind.SINGLE_INITIAL_CODE),
                            c.code() + " " + p.id() + ": the modifier excuses the second initial code");
                    boolean mue = findings.stream().anyMatch(f -> f.rule() == RuleKind.MUE_EXCEEDED);
                    String line = secondSiteLine(page, words, p.id());
                    assertTrue(line != null, c.code() + " page names " + p.id() + " in the " + words + " setting");
                    String what = c.code() + " " + p.id() + " " + words + ": engine " + (mue ? "denies by MUE" : "accepts") + "; page: " + line;
                    assertEquals(mue, line.contains("A second line of " + c.code() + " is denied by mue-exceeded even with "), what);
                    assertEquals(!mue, line.contains("A second " + c.code() + " at a separate IV site is accepted with "), what);
                    assertTrue(line.contains(modifier), what);
                    if (mue) deniedByMue++;
                    else accepted++;
                }
            }
        }
        // both outcomes occur: 96365 is denied in the practitioner setting (MUE 1) and accepted outpatient (MUE 2)
        assertTrue(accepted > 0 && deniedByMue > 0, accepted + " accepted, " + deniedByMue + " denied by MUE");
        String page = Fixtures.text(site, "markdown/codes/96365.md");
        assertTrue(secondSiteLine(page, "practitioner", "medicare-part-b").contains("1 per day"), page);
        assertTrue(secondSiteLine(page, "outpatient hospital", "medicare-part-b").contains("MUE of 2 per day"), page);
    }

    @Test
    void payerRowsListOnlyTheDenialCodesOfRulesThePolicyAppliesToTheCode() {
        Set<RuleKind> byFacts = Set.of(RuleKind.AUTHORIZATION_MISSING, RuleKind.AUTHORIZATION_NOT_COVERING,
                RuleKind.AUTHORIZATION_EXCEEDED, RuleKind.AUDIT_THRESHOLD, RuleKind.MODIFIER_NOT_ALLOWED);
        Policy medicare = shipped.policySet().policy("medicare-part-b");
        int rows = 0, withAuthorization = 0;
        for (Code c : medicare.codes().values()) {
            Document d = html("html/codes/" + c.code() + ".html");
            for (Element row : d.select("table.payers tbody tr")) {
                Policy p = shipped.policySet().policy(row.select("td").get(1).text());
                var r = p.rulesFor(c.code());
                String denials = row.select("td").get(7).text();
                for (RuleKind k : byFacts) {
                    boolean inForce = r != null && switch (k) {
                        case AUTHORIZATION_MISSING, AUTHORIZATION_NOT_COVERING -> r.authorization() != null && r.authorization().required();
                        case AUTHORIZATION_EXCEEDED -> r.authorization() != null;
                        case AUDIT_THRESHOLD -> r.audit() != null;
                        default -> r.allowedModifiers() != null;
                    };
                    boolean listed = Pattern.compile("(^|; )" + Pattern.quote(k.id()) + " ").matcher(denials).find();
                    assertEquals(inForce && p.rules().get(k.id()) != null, listed,
                            c.code() + " " + p.id() + " " + k.id() + ": " + denials);
                    if (listed && k == RuleKind.AUTHORIZATION_EXCEEDED) withAuthorization++;
                }
                rows++;
            }
        }
        // the CARC 197/198 of the authorization rules are shown on some rows, never on Medicare's
        assertTrue(rows > 0 && withAuthorization > 0, rows + " rows, " + withAuthorization + " with authorization");
        String medicareRow = html("html/codes/96413.html").select("table.payers tbody tr.baseline td").get(7).text();
        assertFalse(medicareRow.contains("197") || medicareRow.contains("198") || medicareRow.contains("252"), medicareRow);
        // and the denial texts say which policies do not apply the check to the code
        String missing = html("html/codes/96413.html").select("#denial-authorization-missing").text();
        assertTrue(missing.contains("medicare-part-b: does not apply this check to 96413"), missing);
        assertFalse(missing.contains("uhc-commercial: does not apply"), missing);
    }

    @Test
    void codePageHasEverySectionOfAReviewerPage() {
        Document d = html("html/codes/96417.html");
        for (String id : List.of("quick", "hierarchy", "timing", "tree", "use", "payers", "examples", "denials", "faq", "sources")) {
            assertTrue(d.getElementById(id) != null, "section " + id);
        }
        String tree = d.select("ol.tree").text();
        assertTrue(tree.contains("96415") && tree.contains("96411") && tree.contains("96367"), tree);
        // worked examples come from derive: the R-CHOP visit bills 96417 for cyclophosphamide
        assertTrue(d.select("section.example tr.this").text().contains("cyclophosphamide"), d.select("section.example").text());
        // denial texts with the code filled in and the claim's own values left visible
        String denial = d.select("#denial-addon-requires-primary").text();
        assertTrue(denial.contains("CARC 107") && denial.contains("N122") && denial.contains("96413"), denial);
        assertTrue(d.select("#denial-mue-exceeded").text().contains("[units]"));
    }

    @Test
    void payerPageListsItsOverridesWithSourceFileAndLine() {
        Document d = html("html/policies/humana.html");
        Elements rows = d.select("table.changes tbody tr");
        assertFalse(rows.isEmpty());
        String row = rows.text();
        assertTrue(row.contains("mue-exceeded") && row.contains("151") && row.contains("96"), row);
        assertTrue(Pattern.compile("policies/payers/humana\\.ppl:\\d+:\\d+").matcher(row).find(), row);
        assertTrue(row.contains("medicare-part-b at policies/medicare/part-b.ppl:"), row);
        assertTrue(d.text().contains("2025-01-01"), "effective date");
    }

    @Test
    void policyAuthorMarkupIsEscapedInHtmlAndMarkdown() {
        Compilation c = Fixtures.base(t -> t.replace("title \"Test core\"", "title \"Core <script>alert(1)</script> *bold* [x](y)\""));
        Map<String, byte[]> files = Fixtures.render(c, null);
        for (String name : files.keySet()) {
            if (!name.endsWith(".html")) continue;
            Document d = Jsoup.parse(Fixtures.text(files, name));
            assertTrue(d.select("script").isEmpty(), name + " has a script element");
        }
        Document core = Jsoup.parse(Fixtures.text(files, "html/policies/core.html"));
        assertTrue(core.select("h1").text().contains("<script>alert(1)</script>"), core.select("h1").text());
        String md = Fixtures.text(files, "markdown/policies/core.md");
        assertTrue(md.contains("Core \\<script\\>alert\\(1\\)\\</script\\> \\*bold\\* \\[x\\]\\(y\\)"), md);
        assertFalse(md.contains("<script>"));
    }

    @Test
    void outputIsByteIdenticalAcrossRunsLocalesAndTimeZones() {
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        try {
            Locale.setDefault(new Locale("tr", "TR"));
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            Map<String, byte[]> again = Fixtures.render(Fixtures.shipped(), Fixtures.SHIPPED);
            assertEquals(site.keySet(), again.keySet());
            for (String name : site.keySet()) assertTrue(Arrays.equals(site.get(name), again.get(name)), name);
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }
        for (byte[] b : site.values()) assertFalse(new String(b).contains("\r"));
    }

    @Test
    void indexListsPayersPlansPoliciesWithDatesAndCodes() {
        Document d = html("html/index.html");
        String payers = d.select("#payers + table").text();
        for (String p : List.of("Medicare Part B", "UnitedHealthcare", "Aetna", "Cigna", "Humana", "Blue Cross Blue Shield", "Medicare Advantage")) {
            assertTrue(payers.contains(p), p);
        }
        String policies = d.select("#policies + table").text();
        for (Policy p : shipped.policySet().policies().values()) {
            assertTrue(policies.contains(p.id()) && policies.contains(p.effectiveFrom().toString()), p.id());
        }
        assertEquals(shipped.policySet().policy("medicare-part-b").codes().size(),
                d.select("h3[id^=family-] + table tbody tr").size());
    }

    @Test
    void renderRefusesAPolicySetWithErrors() {
        Compilation broken = org.pplc.compiler.PolicyCompiler.compileDirectory(Path.of("no/such/dir"));
        try {
            DocumentSite.renderToMemory(broken, null);
            throw new AssertionError("rendered a broken compilation");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("errors"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------ issue 17: what CPT says

    /** The text of a page's section: everything after its h2 up to the next h2. */
    private static String section(Document d, String id) {
        StringBuilder b = new StringBuilder();
        Element h = d.getElementById(id);
        for (Element e = h == null ? null : h.nextElementSibling(); e != null && !e.tagName().equals("h2"); e = e.nextElementSibling()) {
            b.append(e.text()).append('\n');
        }
        return b.toString();
    }

    private static String fact(Document d, String name) {
        for (Element dt : d.select("dl.facts dt")) if (dt.text().equals(name)) return dt.nextElementSibling().text();
        throw new AssertionError("no fact " + name);
    }

    private static Policy medicare() {
        return shipped.policySet().policy("medicare-part-b");
    }

    private static Claim claim(Setting setting, String... codes) {
        List<ClaimLine> lines = new ArrayList<>();
        for (String c : codes) lines.add(new ClaimLine(lines.size() + 1, c, 1, List.of()));
        return new Claim("T", "medicare", null, setting, setting == Setting.FACILITY ? "22" : "11", LocalDate.of(2026, 3, 2),
                lines, List.of(), List.of());
    }

    /**
     * Injections are reported for each injection, beside each other and beside the IV codes (CPT;
     * NCCI Policy Manual, Chapter XI): the engine passes them with an initial IV code, and their
     * pages never call them the first (initial) service or the visit's one initial code.
     */
    @Test
    void injectionCodesArePerInjectionBesideEachOtherAndBesideTheIvCodes() {
        Adjudicator engine = new Adjudicator(shipped.policySet());
        List<Code> injections = medicare().codes().values().stream()
                .filter(c -> !c.addOn() && c.method() == org.pplc.runtime.model.Method.INJECTION).toList();
        assertTrue(injections.stream().map(Code::code).toList().containsAll(List.of("96372", "96401", "96402")), injections.toString());
        for (Code c : injections) {
            for (Setting s : List.of(Setting.FACILITY, Setting.PROFESSIONAL)) {
                for (String iv : List.of("96413", "96365", "96374")) {
                    String other = c.code().equals("96372") ? "96401" : "96372";
                    var r = engine.evaluate(claim(s, c.code(), iv, other));
                    assertFalse(r.findings().stream().anyMatch(f -> f.rule() == RuleKind.SINGLE_INITIAL_CODE),
                            c.code() + " beside " + iv + " and " + other + " in " + s + ": " + r.findings());
                }
            }
            Document d = html("html/codes/" + c.code() + ".html");
            String quick = section(d, "quick");
            assertFalse(quick.contains("first (initial)") || quick.contains("one initial code") || quick.contains("is an initial code"),
                    c.code() + " quick answer: " + quick);
            assertTrue(quick.contains("billed beside the visit's other injections and IV services"), c.code() + ": " + quick);
            if (c.unit() == org.pplc.runtime.model.UnitBasis.INJECTION) {
                assertTrue(quick.contains("Every injection is reported, one unit each"), c.code() + ": " + quick);
                assertEquals("per injection", fact(d, "Kind"), c.code());
            }
            for (String part : List.of("tree", "use", "hierarchy")) {
                String text = section(d, part);
                assertFalse(text.contains("first (initial) service of its kind") || text.contains("is an initial code")
                        || text.contains("first initial service"), c.code() + " " + part + ": " + text);
            }
        }
        // the coder's example: a hormone injection and a bone-agent injection in the office
        assertEquals(List.of(), engine.evaluate(claim(Setting.PROFESSIONAL, "96402", "96372")).findings());
    }

    /** A refill is a pump's; the port flush (method infusion, role refill) keeps a line working and is worded so. */
    @Test
    void refillsAndThePortFlushAreWordedByTheirMethod() {
        int pumps = 0, lines = 0;
        for (Code c : medicare().codes().values()) {
            if (c.role() != org.pplc.runtime.model.Role.REFILL) continue;
            String quick = section(html("html/codes/" + c.code() + ".html"), "quick");
            assertFalse(quick.contains("first (initial)") || quick.contains("is an initial code"), c.code() + ": " + quick);
            if (c.method() == org.pplc.runtime.model.Method.PUMP) {
                assertTrue(quick.contains("reported beside it"), c.code() + ": " + quick);
                pumps++;
                assertTrue(quick.contains("the refill or maintenance of a pump"), c.code() + ": " + quick);
            } else {
                lines++;
                assertFalse(quick.contains("pump"), c.code() + ": " + quick);
                assertTrue(quick.contains("upkeep of an implanted line or device"), c.code() + ": " + quick);
                assertTrue(quick.contains("only as the day's only service"), c.code() + ": " + quick);
            }
        }
        assertTrue(pumps >= 2 && lines >= 1, pumps + " pump refills, " + lines + " port flushes");
    }

    /**
     * The repair of an orphan add-on names the initial code of the add-on's own kind (its family,
     * then its method), the same code on the page and in the engine's fix: an orphan 96367 asks
     * for 96365, not hydration's 96360.
     */
    @Test
    void orphanAddOnRepairNamesTheInitialCodeOfItsOwnKindOnPageAndInTheEngine() {
        Adjudicator engine = new Adjudicator(shipped.policySet());
        Map<String, Code> codes = medicare().codes();
        Map<String, String> named = new java.util.TreeMap<>();
        for (Code c : codes.values()) {
            if (!c.addOn()) continue;
            Setting s = c.onlyIn() == null ? Setting.FACILITY : c.onlyIn();
            var fix = engine.evaluate(claim(s, c.code())).findings().stream()
                    .filter(f -> f.rule() == RuleKind.ADDON_REQUIRES_PRIMARY).findFirst().orElseThrow().fix();
            Document d = html("html/codes/" + c.code() + ".html");
            String pageFix = d.select("#denial-addon-requires-primary dt").stream().filter(dt -> dt.text().equals("Fix"))
                    .findFirst().orElseThrow().nextElementSibling().text();
            assertEquals(fix, pageFix, c.code() + ": the page's repair and the engine's");
            String first = d.select("ol.tree > li").first().select("a").first().text();
            assertTrue(fix.contains(first), c.code() + ": tree names " + first + ", fix says " + fix);
            named.put(c.code(), first);
            Code p = codes.get(first);
            assertTrue(c.primaries().contains(first), c.code() + " names " + first);
            // the rule, checked against every primary: an initial code over an add-on, the own family, then the own method
            for (String q : c.primaries()) {
                Code o = codes.get(q);
                if (!o.addOn() && p.addOn()) throw new AssertionError(c.code() + " names add-on " + first + " over " + q);
                if (o.addOn() != p.addOn()) continue;
                boolean fam = Objects.equals(o.family(), c.family()), pFam = Objects.equals(p.family(), c.family());
                assertFalse(fam && !pFam, c.code() + " names " + first + " over " + q + " of its own family");
                if (fam == pFam) assertFalse(o.method() == c.method() && p.method() != c.method(),
                        c.code() + " names " + first + " over " + q + " of its own method");
            }
        }
        assertEquals("96365", named.get("96367"));
        assertEquals("96365", named.get("96366"));
        assertEquals("96374", named.get("96375"));
        assertEquals("96360", named.get("96361"));
        assertEquals("96413", named.get("96417"));
        assertEquals("96409", named.get("96411"));
    }

    /**
     * A sequential drug's further hours take the family's additional-hour code by the same
     * more-than-30-minutes rule, and a hydration infusion after another service is billed by the
     * hour (96361): the 96417 and 96367 pages say so, with the codes and units derive bills.
     */
    @Test
    void sequentialInfusionPagesGiveTheFurtherHoursAndTheHydrationBranchAsDeriveBillsThem() {
        org.pplc.runtime.derive.Deriver deriver = new org.pplc.runtime.derive.Deriver(shipped.policySet());
        Map<String, Code> codes = medicare().codes();
        int pages = 0;
        for (Code c : codes.values()) {
            if (c.role() != org.pplc.runtime.model.Role.SEQUENTIAL || c.method() != org.pplc.runtime.model.Method.INFUSION) continue;
            pages++;
            List<String> drugs = medicare().drugs().values().stream().filter(x -> c.family().equals(x.category()))
                    .map(org.pplc.runtime.model.Drug::hcpcs).toList();
            List<String> fluids = medicare().drugs().values().stream().filter(x -> "hydration".equals(x.category()))
                    .map(org.pplc.runtime.model.Drug::hcpcs).toList();
            Document d = html("html/codes/" + c.code() + ".html");
            String timing = section(d, "timing");
            Map<Integer, Integer> table = new java.util.LinkedHashMap<>();
            for (Element row : d.select("#timing ~ table.narrow tbody tr")) {
                String[] range = row.select("td").get(0).text().split(" to ");
                for (int m = Integer.parseInt(range[0]); m <= Integer.parseInt(range[1]); m++) {
                    table.put(m, Integer.parseInt(row.select("td").get(1).text()));
                }
            }
            assertFalse(table.isEmpty(), c.code() + " has no minutes table");
            String hourCode = null;
            for (int minutes : new int[]{20, 60, 61, 90, 91, 120, 150, 151, 210, 211, 270}) {
                var lines = derive(deriver, c.family(), drugs.get(0), drugs.get(1), minutes);
                assertTrue(lines.stream().anyMatch(l -> l.code().equals(c.code()) && l.units() == 1), c.code() + " " + minutes + ": " + lines);
                int units = 0;
                for (ClaimLine l : lines) {
                    Code lc = codes.get(l.code());
                    if (lc != null && lc.role() == org.pplc.runtime.model.Role.ADDITIONAL_HOUR && l.line() > 1) {
                        hourCode = l.code();
                        units += l.units();
                    }
                }
                assertEquals(table.get(minutes), units, c.code() + ": the page's units for a " + minutes + "-minute sequential drug");
            }
            assertTrue(timing.contains("each further hour is a unit of " + hourCode + " beside " + c.code())
                    && timing.contains("more than 30 minutes") && timing.contains("91 to 150"), c.code() + ": " + timing);
            assertTrue(d.select("#timing ~ table.narrow caption").first().text().contains(hourCode), c.code());
            // hydration after the initial service: derive bills it by the hour, and the page names that code
            var hydration = derive(deriver, c.family(), drugs.get(0), fluids.get(0), 60);
            String fluidCode = hydration.stream().filter(l -> l.line() > 1 && codes.containsKey(l.code())
                    && "hydration".equals(codes.get(l.code()).family())).findFirst().orElseThrow(() -> new AssertionError(hydration.toString())).code();
            Element branch = d.select("ol.tree > li").stream().flatMap(li -> li.select("li").stream())
                    .filter(li -> li.text().startsWith("a drug of the hydration")).findFirst().orElseThrow();
            assertEquals(fluidCode, branch.select("a").text(), c.code() + " hydration branch: " + branch.text());
            assertTrue(timing.contains("billed by the hour with " + fluidCode), c.code() + ": " + timing);
        }
        assertEquals(2, pages, "96417 and 96367");
    }

    /** The lines derive bills for a first drug infused an hour and a second one for {@code minutes} after it, same site. */
    private static List<ClaimLine> derive(org.pplc.runtime.derive.Deriver deriver, String family, String first, String second, int minutes) {
        java.time.LocalDateTime at = LocalDate.of(2026, 3, 2).atTime(9, 0);
        var m = org.pplc.runtime.model.Method.INFUSION;
        var visit = new Claim("V", "medicare", null, Setting.FACILITY, "22", LocalDate.of(2026, 3, 2), List.of(), List.of(), List.of(
                new org.pplc.runtime.claim.Administration(first, first, null, m, at, at.plusMinutes(60), "A", null, true),
                new org.pplc.runtime.claim.Administration(second, second, null, m, at.plusMinutes(60), at.plusMinutes(60 + minutes), "A", null, false)));
        var r = deriver.derive(visit);
        if (!(r instanceof org.pplc.runtime.derive.Derivation.Derived ok)) throw new AssertionError(r.toString());
        return ok.claim().lines();
    }

    /** Every code page says which CPT year and which CMS MUE quarter its facts come from. */
    @Test
    void codePagesSayWhichCptYearAndMueQuarterTheirFactsComeFrom() {
        assertEquals("Codes: AMA CPT 2024. MUE: CMS table 2024 Q3 (effective 2024-07-01).", fact(html("html/codes/96417.html"), "Facts from"));
        for (String code : medicare().codes().keySet()) {
            String facts = fact(html("html/codes/" + code + ".html"), "Facts from");
            assertTrue(facts.startsWith("Codes: AMA CPT 2024. MUE: "), code + ": " + facts);
            boolean hasMue = medicare().rulesFor(code) != null && medicare().rulesFor(code).practitionerMue() != null;
            assertEquals(hasMue, facts.contains("2024 Q3 (effective 2024-07-01)"), code + ": " + facts);
            assertTrue(Fixtures.text(site, "markdown/codes/" + code + ".md").contains("| Facts from | " + facts.replace("(", "\\(").replace(")", "\\)") + " |"), code);
        }
        // another quarter's table, and a table whose citation gives no date (the policy's effective date stands)
        var q4 = Fixtures.render(Fixtures.base(t -> t.replace("from \"CMS MUE table\"", "from \"CMS MUE table, effective 2024-10-01\"")), null);
        assertEquals("Codes: AMA CPT 2024. MUE: CMS table 2024 Q4 (effective 2024-10-01).",
                fact(Jsoup.parse(Fixtures.text(q4, "html/codes/96417.html")), "Facts from"));
        var undated = Fixtures.render(Fixtures.base(t -> t), null);
        String facts = fact(Jsoup.parse(Fixtures.text(undated, "html/codes/96417.html")), "Facts from");
        assertEquals("Codes: AMA CPT 2024. MUE: CMS table 2024 Q3 (effective 2024-07-01).", facts);
        assertTrue(fact(Jsoup.parse(Fixtures.text(undated, "html/codes/96409.html")), "Facts from").endsWith("MUE: none in Medicare Part B for this code."),
                fact(Jsoup.parse(Fixtures.text(undated, "html/codes/96409.html")), "Facts from"));
    }
}
