package org.pplc.runtime.claim;

import org.pplc.runtime.model.Setting;

import java.time.LocalDate;
import java.util.List;

/**
 * A claim as CONTRACT.md defines it, already validated: the setting is resolved (from
 * placeOfService when absent), line numbers and units have their defaults.
 */
public record Claim(String id, String payer, String plan, Setting setting, String placeOfService,
                    LocalDate dateOfService, List<ClaimLine> lines, List<PriorAuthorization> authorizations,
                    List<Administration> administrations) {
    public Claim {
        lines = List.copyOf(lines);
        authorizations = authorizations == null ? List.of() : List.copyOf(authorizations);
        administrations = administrations == null ? List.of() : List.copyOf(administrations);
    }
}
