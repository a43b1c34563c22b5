package org.pplc.runtime.engine;

import org.pplc.runtime.model.Action;
import org.pplc.runtime.model.RuleKind;

import java.util.List;

/**
 * One rule that fired on one claim line, with the payer's adjustment codes and texts
 * (placeholders filled).
 *
 * @param appeal   null when the policy says {@code appeal none}
 * @param source   position of the policy text that produced the finding (the MUE, the add-on
 *                 code's definition, the authorization, audit or modifier rule, else the rule text)
 * @param layer    id of the policy (layer) that set that fact
 * @param citation the outside source that policy text cites (a CMS table, a payer bulletin), or null
 */
public record Finding(int line, String code, Action action, String carc, List<String> rarc, RuleKind rule,
                      String message, String fix, String appeal, String source, String layer, String citation) {
    public Finding {
        rarc = rarc == null ? List.of() : List.copyOf(rarc);
    }
}
