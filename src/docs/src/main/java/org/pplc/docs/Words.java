package org.pplc.docs;

import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.Role;
import org.pplc.runtime.model.Setting;
import org.pplc.runtime.model.UnitBasis;

import java.util.List;
import java.util.Locale;
import org.pplc.runtime.engine.Texts;

import java.util.function.Function;

/** The sentences the documents build from facts: joins, role and method phrases, filled texts. */
final class Words {
    private Words() {
    }

    /** "a", "a or b", "a, b or c". */
    static String or(List<String> items) {
        return Texts.or(items);
    }

    /** "a", "a and b", "a, b and c". */
    static String and(List<String> items) {
        return Texts.and(items);
    }

    /** What a role reports, as the end of "it reports ...". */
    static String role(Role role) {
        return switch (role) {
            case INITIAL -> "the first (initial) service of its kind at the visit";
            case ADDITIONAL_HOUR -> "more time on the same drug, one unit per further hour";
            case SEQUENTIAL -> "a different drug given after the previous one finished, through the same line";
            case CONCURRENT -> "a drug running at the same time as another infusion";
            case REPEAT -> "the same drug given again by push";
            case PUMP_START -> "the start of a prolonged infusion on a portable or implantable pump";
            case REFILL -> "the refill or maintenance of a pump";
        };
    }

    /**
     * What a code of this role and method reports. The role's words, except where the method
     * changes what the role means: an injection written {@code role initial} (96372, 96401, 96402)
     * is reported for each injection beside every other code, never as the visit's first service
     * (CPT; NCCI Policy Manual, Chapter XI), an injection's "pump start" is an injector applied for a
     * later dose (96377), and a refill that is not a pump's (the port flush 96523)
     * keeps a device working rather than a pump filled.
     */
    static String role(Role role, Method method) {
        if (role == Role.INITIAL && method == Method.INJECTION) {
            return "a drug given by injection, billed beside the visit's other injections and IV services";
        }
        if (role == Role.PUMP_START && method == Method.INJECTION) {
            return "the start of a dose that an injector applied at the visit gives later, billed beside the visit's other"
                    + " injections and IV services";
        }
        if (lineUpkeep(role, method)) {
            return "the upkeep of an implanted line or device already in place, not the giving of a drug";
        }
        return role(role);
    }

    /** Whether {@link #role(Role, Method)} already says how the drug went in. */
    static boolean roleSaysMethod(Role role, Method method) {
        return (role == Role.INITIAL || role == Role.PUMP_START) && method == Method.INJECTION
                || lineUpkeep(role, method);
    }

    /**
     * A refill of something that is not a pump: the flush of an implanted access device (96523),
     * which CPT reports only as the day's only service; when an infusion or injection used the
     * device at the visit, the flush is part of that service.
     */
    static boolean lineUpkeep(Role role, Method method) {
        return role == Role.REFILL && method != null && method != Method.PUMP;
    }

    /** The question the decision tree asks for a role and method; see {@link #role(Role, Method)}. */
    static String roleQuestion(Role role, Method method) {
        if (role == Role.INITIAL && method == Method.INJECTION) {
            return "Is it a drug given by injection, reported on its own beside the visit's other services?";
        }
        if (role == Role.PUMP_START && method == Method.INJECTION) return "Is it an injector applied at the visit to give the dose later?";
        if (lineUpkeep(role, method)) {
            return "Is it upkeep of an implanted line or device already in place, and the day's only service?";
        }
        return roleQuestion(role);
    }

    /** The question the decision tree asks for a role. */
    static String roleQuestion(Role role) {
        return switch (role) {
            case INITIAL -> "Is it the first service of this kind at the visit?";
            case ADDITIONAL_HOUR -> "Is it more time on a drug that is already reported?";
            case SEQUENTIAL -> "Is it a different drug, started after the previous one finished?";
            case CONCURRENT -> "Did it run at the same time as another infusion?";
            case REPEAT -> "Is it the same drug given again by push?";
            case PUMP_START -> "Is it the start of a prolonged infusion on a pump?";
            case REFILL -> "Is it a refill or maintenance of a pump?";
        };
    }

    static String method(Method method) {
        return switch (method) {
            case PUSH -> "IV push";
            case INFUSION -> "IV infusion";
            case PUMP -> "pump";
            case INJECTION -> "injection";
            case REFILL -> "pump refill";
        };
    }

    static String unit(UnitBasis unit) {
        return switch (unit) {
            case ENCOUNTER -> "visit";
            case HOUR -> "hour";
            case DRUG -> "drug";
            case INJECTION -> "injection";
            case REFILL -> "refill";
        };
    }

    static String setting(Setting setting) {
        return setting.id();
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /**
     * Fills a rule text's {placeholders} with the values known for a code; names the values do not
     * know stay visible as [name], so a reviewer sees where the claim supplies them.
     */
    static String fill(String template, Function<String, String> values) {
        return Texts.fill(template, name -> {
            String value = values.apply(name);
            return value == null || value.isEmpty() ? "[" + name + "]" : value;
        });
    }
}
