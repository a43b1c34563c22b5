package org.pplc.runtime.engine;

import java.util.List;

/**
 * The outcome of one claim.
 *
 * @param policy      the policy that governed (after layering and effective dates); null on error
 * @param findings    in line order; empty on pass and on error
 * @param explanation one entry per claim line when evaluated with explain, else null
 * @param error       why the claim could not be evaluated (unknown payer, no policy in force), else null
 */
public record Result(String id, String payer, String plan, String policy, Decision decision, List<Finding> findings,
                     List<LineExplanation> explanation, String error) {
    public Result {
        findings = findings == null ? List.of() : List.copyOf(findings);
        explanation = explanation == null ? null : List.copyOf(explanation);
    }

    /** A claim that was read but could not be evaluated. */
    public static Result error(String id, String payer, String plan, String error) {
        return new Result(id, payer, plan, null, Decision.ERROR, List.of(), null, error);
    }

    public boolean isError() {
        return decision == Decision.ERROR;
    }
}
