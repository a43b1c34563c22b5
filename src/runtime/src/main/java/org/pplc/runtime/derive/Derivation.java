package org.pplc.runtime.derive;

import org.pplc.runtime.claim.Claim;

import java.util.List;

/** What derive made of one visit: the claim that should be billed, or why none could be made. */
public sealed interface Derivation {
    /** The visit's id (may be null when the record had none). */
    String id();

    /**
     * The visit as a claim with its lines filled in, each line saying {@code because}.
     *
     * @param policy the policy (after layering and effective dates) whose hierarchy decided the codes
     * @param notes  what was given but not billed, and anything the biller should look at
     */
    record Derived(Claim claim, String policy, List<String> notes) implements Derivation {
        public Derived {
            notes = List.copyOf(notes);
        }

        @Override
        public String id() {
            return claim.id();
        }
    }

    /** The visit could be read but not coded: no policy in force, no setting, no administrations. */
    record Failed(String id, String error) implements Derivation {
    }
}
