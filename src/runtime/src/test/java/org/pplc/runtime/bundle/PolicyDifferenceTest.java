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
        assertEquals("policy ids[" + fewer.size() + "] missing (expected " + dropped.id() + ")", d);
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

    /** One code's title changed in the bundle: the difference names that code, and no other. */
    @Test
    @SuppressWarnings("unchecked")
    void theEntryThatChangedIsNamedNotTheWholeList() throws Exception {
        PolicySet set = SamplePolicies.build();
        java.util.Map<String, Object> doc = (java.util.Map<String, Object>) Json.parse(Bundles.toBytes(set));
        java.util.Map<String, Object> body = (java.util.Map<String, Object>) doc.get("body");
        List<Object> codes = (List<Object>) ((java.util.Map<String, Object>) body.get("facts")).get("codes");
        assertTrue(codes.size() > 2);
        java.util.Map<String, Object> code = (java.util.Map<String, Object>) codes.get(1);
        String changed = (String) code.get("code");
        code.put("title", "A changed title");
        doc.put("sha256", Bundles.checksum(body));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Json.writePretty(doc, out);
        String d = PolicyDifference.between(set, Bundles.read(new ByteArrayInputStream(out.toByteArray()), "t")).orElseThrow();
        assertTrue(d.contains(": codes: " + changed + " differs: expected "), d);
        assertTrue(d.contains("A changed title"), d);
        String other = (String) ((java.util.Map<String, Object>) codes.get(0)).get("code");
        assertTrue(!d.contains(other + "="), "only the changed entry is shown: " + d);
    }
}
