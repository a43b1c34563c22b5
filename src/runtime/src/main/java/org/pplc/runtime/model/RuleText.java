package org.pplc.runtime.model;

import java.util.List;

/**
 * What a payer does when a rule fires: action, adjustment codes, and the texts with
 * placeholders such as {code}, {units}, {cap} and {primaries}. Appeal may be null.
 */
public record RuleText(String rule, Action action, String carc, List<String> rarc, String message, String fix,
                       String appeal, String title, Provenance provenance) {
    public RuleText {
        rarc = List.copyOf(rarc);
    }
}
