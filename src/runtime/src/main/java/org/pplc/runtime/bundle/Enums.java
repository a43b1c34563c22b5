package org.pplc.runtime.bundle;

import org.pplc.runtime.model.Action;
import org.pplc.runtime.model.InitialCodeRule;
import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.MueSetting;
import org.pplc.runtime.model.Role;
import org.pplc.runtime.model.Setting;
import org.pplc.runtime.model.TimeRule;
import org.pplc.runtime.model.UnitBasis;

import java.util.Locale;

/**
 * How enum values are spelled in a bundle: the ids the policy language uses where the model has
 * them, otherwise the constant's name in lower case with dashes. Never ordinal(), so reordering
 * an enum cannot silently change the meaning of an old bundle.
 */
final class Enums {
    static final String DRUG_LINE = "drug-line";
    static final String SECOND_INITIAL = "second-initial";
    static final String ALLOWED = "allowed";

    private Enums() {
    }

    static String id(Method m) { return m == null ? null : m.id(); }

    static String id(Role r) { return r == null ? null : r.id(); }

    static String id(UnitBasis u) { return u == null ? null : u.id(); }

    static String id(Setting s) { return s == null ? null : s.id(); }

    static String id(MueSetting s) { return s == null ? null : s.id(); }

    static String id(Action a) { return a == null ? null : a.id(); }

    static String id(TimeRule.Kind k) { return dashed(k); }

    static String id(InitialCodeRule.Order o) { return dashed(o); }

    static TimeRule.Kind timeRuleKind(String id) { return undashed(TimeRule.Kind.class, id); }

    static InitialCodeRule.Order order(String id) { return undashed(InitialCodeRule.Order.class, id); }

    static String dashed(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static <E extends Enum<E>> E undashed(Class<E> type, String id) {
        for (E e : type.getEnumConstants()) if (dashed(e).equals(id)) return e;
        return null;
    }
}
