package org.pplc.runtime.claim;

import org.pplc.runtime.model.Method;

import java.time.LocalDateTime;

/**
 * One drug given at the visit (input of derive). {@code category} may be null: derive takes it
 * from the drug table by {@code hcpcs}. {@code primary} marks the main reason for the visit.
 */
public record Administration(String drug, String hcpcs, String category, Method method, LocalDateTime start,
                             LocalDateTime end, String site, Dose dose, boolean primary) {
}
