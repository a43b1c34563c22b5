package org.pplc.runtime.io;

import org.pplc.runtime.claim.Claim;

/** One input record of adjudicate or derive: a claim that passed validation, or why it did not. */
public sealed interface ClaimRecord {
    /** 0-based position of the record in the input. */
    int index();

    record Valid(int index, Claim claim) implements ClaimRecord {
    }

    /** @param id the record's id when it could be read, else null */
    record Invalid(int index, String id, String error) implements ClaimRecord {
    }
}
