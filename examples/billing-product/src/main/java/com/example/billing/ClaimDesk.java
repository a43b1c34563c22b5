package com.example.billing;

import org.pplc.runtime.bundle.Bundles;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.engine.Adjudicator;
import org.pplc.runtime.engine.Finding;
import org.pplc.runtime.engine.Result;
import org.pplc.runtime.model.Setting;

import java.time.LocalDate;
import java.util.List;

/**
 * The billing product's claim check: loads the policies pplc-maven-plugin compiled into this jar
 * once, then adjudicates claims before they go out to the payer.
 */
public final class ClaimDesk {
    private final Adjudicator adjudicator;

    /** Loads pplc/policies.bundle.json from the classpath; a damaged bundle fails here, at start-up. */
    public ClaimDesk() {
        this.adjudicator = new Adjudicator(Bundles.readResource());
    }

    public Result check(Claim claim) {
        return adjudicator.evaluate(claim);
    }

    /** Prints the decision and findings of one office chemo claim. */
    public static void main(String[] args) {
        Claim claim = new Claim("demo-1", "uhc", "medicare-advantage", Setting.PROFESSIONAL, "11",
                LocalDate.of(2026, 3, 2),
                List.of(new ClaimLine(1, "96415", 2, List.of())), // an added hour with no first hour billed
                List.of(), List.of());
        Result result = new ClaimDesk().check(claim);
        System.out.println(claim.id() + ": " + result.decision().id() + " under policy " + result.policy());
        for (Finding f : result.findings()) {
            System.out.println("  line " + f.line() + " " + f.code() + ": " + f.action().id() + " CARC " + f.carc()
                    + " " + f.message() + " [" + f.source() + "]");
        }
    }
}
