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
     * @param notes    what was given but not billed, and anything the biller should look at
     * @param warnings what in the record looks wrong though derive coded it as given: an administration
     *                 dated outside the visit's date of service, a category that contradicts the drug table
     */
    record Derived(Claim claim, String policy, List<String> notes, List<String> warnings) implements Derivation {
        public Derived {
            notes = List.copyOf(notes);
            warnings = List.copyOf(warnings);
        }

        public Derived(Claim claim, String policy, List<String> notes) {
            this(claim, policy, notes, List.of());
        }

        @Override
        public String id() {
            return claim.id();
        }
    }

    /**
     * The visit could be read but not coded: no policy in force, no setting, no administrations, or an
     * administration derive cannot code (no category and not in the drug table, a category that is not a
     * family, no method, an end before its start), named by its index, drug and field.
     */
    record Failed(String id, String error) implements Derivation {
    }
}
