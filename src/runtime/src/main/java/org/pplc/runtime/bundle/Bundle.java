package org.pplc.runtime.bundle;

import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A bundle as loaded: its policy set and what identifies it. Read one with {@link Bundles#load}.
 *
 * @param identity  which bundle this is: its checksum and the versions of its policies
 * @param policySet the rule objects built from it
 */
public record Bundle(Identity identity, PolicySet policySet) {
    public Bundle {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(policySet, "policySet");
    }

    /**
     * Which bundle decided a result: what a product logs beside each result so that an answer can
     * be traced to the policies behind it after a reload.
     *
     * @param name     the file or resource it was read from
     * @param sha256   the checksum recorded in (and checked against) the bundle: equal bundles have equal ones
     * @param format   the bundle format version
     * @param policies each policy's id and dates, in the bundle's order
     */
    public record Identity(String name, String sha256, int format, List<PolicyVersion> policies) {
        public Identity {
            Objects.requireNonNull(sha256, "sha256");
            policies = List.copyOf(policies);
        }

        /** The first 12 hex digits of the checksum, as logs show it. */
        public String shortSha() {
            return sha256.substring(0, Math.min(12, sha256.length()));
        }

        @Override
        public String toString() {
            return name + " (sha256 " + shortSha() + ", " + policies.size() + " policies)";
        }
    }

    /**
     * One policy's version: the dates it is in force and when it was last reviewed.
     *
     * @param effectiveThrough null when open-ended
     * @param reviewed         null when the policy says nothing
     */
    public record PolicyVersion(String policy, LocalDate effectiveFrom, LocalDate effectiveThrough, LocalDate reviewed) {
    }

    static List<PolicyVersion> versions(PolicySet set) {
        List<PolicyVersion> out = new ArrayList<>(set.policies().size());
        for (Policy p : set.policies().values()) {
            out.add(new PolicyVersion(p.id(), p.effectiveFrom(), p.effectiveThrough(), p.meta() == null ? null : p.meta().reviewed()));
        }
        return out;
    }
}
