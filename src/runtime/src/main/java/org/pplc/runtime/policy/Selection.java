package org.pplc.runtime.policy;

/** The outcome of choosing a policy for a payer, plan and date: the policy, or why there is none. */
public sealed interface Selection {
    record Found(Policy policy) implements Selection {
    }

    record NotFound(String reason) implements Selection {
    }
}
