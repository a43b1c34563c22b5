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
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.regex.Pattern;

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
            if (shown) listed++;
            else notListed++;
        }
        // both kinds are among the shipped codes: 96365, 96409... are initial services; 96416, 96521 are not
        assertTrue(listed > 5 && notListed >= 2, listed + " listed, " + notListed + " not");
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
}
