package org.pplc.compiler.check;

import org.pplc.runtime.model.InitialCodeRule;
import org.pplc.runtime.model.Mai;
import org.pplc.runtime.model.TimeRule;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** The closed word lists of the language that are names rather than keywords, so misspellings get "did you mean". */
public final class Vocabulary {
    private Vocabulary() {
    }

    public static final Map<String, TimeRule.Kind> TIMING = new LinkedHashMap<>();
    public static final Map<String, InitialCodeRule.Order> ORDERS = new LinkedHashMap<>();
    public static final Map<String, Mai> INDICATORS = new LinkedHashMap<>();

    static {
        TIMING.put("push up to", TimeRule.Kind.PUSH_UP_TO_MINUTES);
        TIMING.put("additional hour after", TimeRule.Kind.ADDITIONAL_HOUR_AFTER_MINUTES);
        TIMING.put("hydration after", TimeRule.Kind.HYDRATION_AFTER_MINUTES);
        TIMING.put("pump after", TimeRule.Kind.PUMP_AFTER_MINUTES);
        ORDERS.put("hierarchy", InitialCodeRule.Order.HIERARCHY);
        ORDERS.put("primary reason", InitialCodeRule.Order.PRIMARY_REASON);
        INDICATORS.put("policy", Mai.PER_DAY_POLICY);
        INDICATORS.put("clinical", Mai.PER_DAY_CLINICAL);
    }

    /** The MUE indicator a cap names; without one (written 'per line') a cap is per line, MAI 1. */
    public static Mai mai(org.pplc.compiler.ast.Ast.Name indicator) {
        return indicator == null ? Mai.PER_LINE : INDICATORS.get(indicator.text());
    }

    static boolean sameIndicator(org.pplc.compiler.ast.Ast.Name a, org.pplc.compiler.ast.Ast.Name b) {
        return mai(a) == mai(b);
    }

    /** The time rules as an author writes them, for help texts: "push up to N minutes, ...". */
    public static String timingHelp() {
        StringJoiner rules = new StringJoiner(", ", "time rules: ", "");
        for (String phrase : TIMING.keySet()) rules.add(phrase + " N minutes");
        return rules.toString();
    }

    /** How the language writes a time rule, for keys and documents. */
    public static String timingWords(TimeRule.Kind kind) {
        for (Map.Entry<String, TimeRule.Kind> e : TIMING.entrySet()) if (e.getValue() == kind) return e.getKey();
        return kind.name();
    }
}
