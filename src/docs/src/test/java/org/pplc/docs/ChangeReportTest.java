package org.pplc.docs;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.pplc.compiler.Compilation;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeReportTest {
    @Test
    void reportsEachChangedAddedAndRemovedRuleWithOldAndNewValueAndPosition() throws Exception {
        Compilation before = Fixtures.base(t -> t);
        Compilation after = Fixtures.base(t -> t
                .replace("mue 96417 practitioner 3 per day (clinical)", "mue 96417 practitioner 4 per day (clinical)")
                .replace("modifier 59, XU, XS allows second initial code", "")
                .replace("payer medicare \"Medicare Part B\"", "payer medicare \"Medicare Part B\"\npayer zeta \"Zeta <Health>\""));
        ChangeReport report = ChangeReport.compare(before, "v1", after, "v2");
        assertEquals(3, report.size());
        Map<String, byte[]> files = report.render();
        Document d = Jsoup.parse(new String(files.get("changes.html"), StandardCharsets.UTF_8));
        String text = d.select("#policy-medicare-b").text();
        assertTrue(text.contains("96417 practitioner") && text.contains("3 per day (clinical) (MAI 3)")
                && text.contains("4 per day (clinical) (MAI 3)"), text);
        assertTrue(d.select("#policy-medicare-b del").text().contains("3 per day"), text);
        assertTrue(d.select("#policy-medicare-b ins").text().contains("4 per day"), text);
        assertTrue(text.contains("removed") && text.contains("second initial code") && text.contains("59, XU or XS"), text);
        assertTrue(text.contains("src/compiler/src/test/resources/base/medicare.ppl:"), text);
        assertTrue(d.select("#payers + ul").text().contains("payer zeta (Zeta <Health>)"), d.select("#payers + ul").text());
        assertTrue(d.select("#policy-core").isEmpty(), "the core did not change");
        String md = new String(files.get("changes.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("~~3 per day \\(clinical\\) \\(MAI 3\\)~~ → 4 per day"), md);
    }

    @Test
    void identicalPoliciesHaveNothingToApprove() throws Exception {
        ChangeReport report = ChangeReport.compare(Fixtures.base(t -> t), "a", Fixtures.base(t -> t), "b");
        assertEquals(0, report.size());
        assertTrue(new String(report.render().get("changes.md"), StandardCharsets.UTF_8).contains("No policy changed."));
    }
}
