package org.pplc.runtime.policy;

import org.pplc.runtime.model.AuditThreshold;
import org.pplc.runtime.model.Authorization;
import org.pplc.runtime.model.Code;
import org.pplc.runtime.model.ModifierRule;
import org.pplc.runtime.model.Mue;

/**
 * Everything a policy says about one code, gathered once at load time so the engine
 * looks a claim line up with one hash probe. Fields are null when the policy says nothing.
 */
public record CodeRules(String code, Code definition, Mue practitionerMue, Mue outpatientMue,
                        Authorization authorization, AuditThreshold audit, ModifierRule.Allowed allowedModifiers) {
}
