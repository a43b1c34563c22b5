package org.pplc.runtime.derive;

import org.pplc.runtime.model.Code;
import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.Role;
import org.pplc.runtime.model.Setting;
import org.pplc.runtime.policy.Policy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The codes of a policy indexed by (family, method, role). Derive asks this index which code
 * stands for a service, so a payer that changes the hierarchy changes the answer.
 */
final class Hierarchy {
    /** Roles whose code does not depend on how the drug went in (an added hour is an added hour). */
    private static final Set<Role> ANY_METHOD = EnumSet.of(Role.ADDITIONAL_HOUR, Role.CONCURRENT, Role.PUMP_START,
            Role.REFILL);

    private record Key(String family, Method method, Role role) {
    }

    private final Map<Key, List<Code>> exact = new HashMap<>();
    private final Map<Key, List<Code>> anyMethod = new HashMap<>();

    Hierarchy(Policy policy) {
        for (Code c : policy.codes().values()) {
            if (c.family() == null || c.role() == null) continue;
            exact.computeIfAbsent(new Key(c.family(), c.method(), c.role()), k -> new ArrayList<>()).add(c);
            anyMethod.computeIfAbsent(new Key(c.family(), null, c.role()), k -> new ArrayList<>()).add(c);
        }
    }

    /**
     * The code of a family, method and role as billed in the setting. When only a code restricted to
     * the other setting exists, that code is returned so the caller can say why it is not billed;
     * null when the hierarchy has no such code at all.
     */
    Code find(String family, Method method, Role role, Setting setting) {
        List<Code> found = exact.get(new Key(family, method, role));
        if (found == null && ANY_METHOD.contains(role)) found = anyMethod.get(new Key(family, null, role));
        return inSetting(found, setting);
    }

    /**
     * As {@link #find}, but only a code written with this very method: a pump's added hour (96370)
     * must not fall back to an IV infusion's (96415).
     */
    Code findExact(String family, Method method, Role role, Setting setting) {
        return inSetting(exact.get(new Key(family, method, role)), setting);
    }

    private static Code inSetting(List<Code> found, Setting setting) {
        if (found == null || found.isEmpty()) return null;
        for (Code c : found) if (c.onlyIn() == null || c.onlyIn() == setting) return c;
        return found.get(0);
    }
}
