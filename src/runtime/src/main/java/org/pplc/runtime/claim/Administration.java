package org.pplc.runtime.claim;

import org.pplc.runtime.model.Method;

import java.time.LocalDateTime;

/**
 * One drug given at the visit (input of derive). {@code category} may be null: derive takes it
 * from the drug table by {@code hcpcs}. {@code primary} marks the main reason for the visit.
 * Valid by construction: a drug or HCPCS code, a method, a start, and an end no earlier than the
 * start (a pump or a refill may lack the end).
 *
 * @throws InvalidClaimException naming the field that breaks the schema
 */
public record Administration(String drug, String hcpcs, String category, Method method, LocalDateTime start,
                             LocalDateTime end, String site, Dose dose, boolean primary) {
    public Administration {
        ClaimSchema.refuse(ClaimSchema.administration(null, "", drug, hcpcs, method, start, end));
    }
}
