package org.pplc.runtime.bundle;

import org.junit.jupiter.api.Test;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicyDifference;
import org.pplc.runtime.policy.PolicySet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PolicyDifference finds no difference where there is none, and names the policy and part where there is. */
class PolicyDifferenceTest {
    @Test
    void aSetReadBackFromItsBundleHasNoDifference() throws Exception {
        PolicySet set = SamplePolicies.build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Bundles.write(set, out);
        assertEquals(Optional.empty(), PolicyDifference.between(set, Bundles.read(new ByteArrayInputStream(out.toByteArray()), "t")));
    }

    @Test
    void aMissingPolicyIsNamed() {
        PolicySet set = SamplePolicies.build();
        List<Policy> fewer = new ArrayList<>(set.policies().values());
        Policy dropped = fewer.remove(fewer.size() - 1);
        PolicySet smaller = new PolicySet(List.copyOf(set.payers().values()), fewer);
        String d = PolicyDifference.between(set, smaller).orElseThrow();
        assertTrue(d.startsWith("policy ids differ"), d);
        assertTrue(d.contains(dropped.id()), d);
    }

    @Test
    void twoDifferentPoliciesDifferAndTheFirstPartIsNamed() {
        List<Policy> policies = new ArrayList<>(SamplePolicies.build().policies().values());
        Policy a = policies.get(0), b = policies.get(policies.size() - 1);
        String d = PolicyDifference.between(a, b).orElseThrow();
        assertTrue(d.startsWith(a.id() + ": "), d);
        assertTrue(d.contains(" differ: expected "), d);
        assertEquals(Optional.of(a.id() + ": missing"), PolicyDifference.between(a, null));
    }
}
