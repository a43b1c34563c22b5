package org.pplc.runtime.claim;

import org.pplc.runtime.claim.InvalidClaimException.Problem;
import org.pplc.runtime.model.Setting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A claim as CONTRACT.md defines it, valid by construction: a payer, a date of service, a setting
 * (taken from {@code placeOfService} when null: 11 professional, 19 and 22 facility), at least one
 * line (or, for derive, one administration), at most {@value ClaimSchema#MAX_LINES} lines and no
 * line number twice. Each line, authorization and administration checked itself when built.
 * {@code patient} and {@code provider} are optional ids. Build one with {@link #builder()}, which
 * numbers the lines and reports every problem at once.
 *
 * @throws InvalidClaimException naming each field that breaks the schema, as the JSON reader does
 *                               ({@code lines[1].line: 1 is already the number of lines[0]})
 */
public record Claim(String id, String payer, String plan, Setting setting, String placeOfService,
                    LocalDate dateOfService, List<ClaimLine> lines, List<PriorAuthorization> authorizations,
                    List<Administration> administrations, String patient, String provider) {
    public Claim {
        setting = ClaimSchema.settingOf(setting, placeOfService);
        ClaimSchema.refuse(ClaimSchema.claimParts(ClaimSchema.claimFields(null, payer, setting, placeOfService, dateOfService),
                lines, authorizations, administrations));
        lines = List.copyOf(lines);
        authorizations = authorizations == null ? List.of() : List.copyOf(authorizations);
        administrations = administrations == null ? List.of() : List.copyOf(administrations);
    }

    /** A claim without patient and provider ids. */
    public Claim(String id, String payer, String plan, Setting setting, String placeOfService, LocalDate dateOfService,
                 List<ClaimLine> lines, List<PriorAuthorization> authorizations, List<Administration> administrations) {
        this(id, payer, plan, setting, placeOfService, dateOfService, lines, authorizations, administrations, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a claim field by field; {@link #build()} refuses an invalid one with every problem,
     * each named as the JSON reader names it ({@code lines[2].units: must be at least 1, got 0}).
     * Lines added without a number are numbered by position (1, 2, ...). Not thread-safe.
     *
     * <pre>{@code
     * Claim claim = Claim.builder().id("c-1").payer("uhc").plan("commercial")
     *         .placeOfService("22").dateOfService(LocalDate.of(2026, 3, 2))
     *         .line("96413", 1).line("96415", 2).line("J9312", 68, "JZ")
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private String id, payer, plan, placeOfService, patient, provider;
        private Setting setting;
        private LocalDate dateOfService;
        private final List<Line> lines = new ArrayList<>();
        private final List<Authorization> authorizations = new ArrayList<>();
        private final List<Administration> administrations = new ArrayList<>();

        /** A line as given, checked by {@link #build()}. */
        private record Line(int number, String code, int units, List<String> modifiers, String ndc) {
        }

        private record Authorization(String id, Map<String, Integer> units) {
        }
        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder payer(String payer) {
            this.payer = payer;
            return this;
        }

        public Builder plan(String plan) {
            this.plan = plan;
            return this;
        }

        /** Facility or professional; when not given, the place of service tells it. */
        public Builder setting(Setting setting) {
            this.setting = setting;
            return this;
        }

        /** The CMS place-of-service code, e.g. "11" (office) or "22" (outpatient hospital). */
        public Builder placeOfService(String placeOfService) {
            this.placeOfService = placeOfService;
            return this;
        }

        public Builder dateOfService(LocalDate dateOfService) {
            this.dateOfService = dateOfService;
            return this;
        }

        public Builder patient(String patient) {
            this.patient = patient;
            return this;
        }

        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        /** A line numbered by its position on the claim. */
        public Builder line(String code, int units, String... modifiers) {
            return line(lines.size() + 1, code, units, modifiers);
        }

        public Builder line(int number, String code, int units, String... modifiers) {
            return line(number, code, units, modifiers == null ? null : Arrays.asList(modifiers), null);
        }

        /** A drug line with its National Drug Code. */
        public Builder line(int number, String code, int units, List<String> modifiers, String ndc) {
            lines.add(new Line(number, code, units, modifiers == null ? null : new ArrayList<>(modifiers), ndc));
            return this;
        }

        /** The units a prior authorization approved, by code. */
        public Builder authorization(String id, Map<String, Integer> units) {
            authorizations.add(new Authorization(id, units));
            return this;
        }

        public Builder administration(Administration administration) {
            administrations.add(administration);
            return this;
        }

        /**
         * The claim.
         *
         * @throws InvalidClaimException with every problem of the claim, its lines and authorizations
         */
        public Claim build() {
            Setting resolved = ClaimSchema.settingOf(setting, placeOfService);
            List<Problem> p = ClaimSchema.claimFields(null, payer, resolved, placeOfService, dateOfService);
            List<ClaimLine> built = new ArrayList<>(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                Line l = lines.get(i);
                List<Problem> q = ClaimSchema.line(null, "lines[" + i + "]", l.number, l.code, l.units, l.modifiers);
                if (q == null) built.add(new ClaimLine(l.number, l.code, l.units, l.modifiers, l.ndc, null));
                else p = addAll(p, q);
            }
            List<PriorAuthorization> auths = new ArrayList<>(authorizations.size());
            for (int i = 0; i < authorizations.size(); i++) {
                Authorization a = authorizations.get(i);
                List<Problem> q = ClaimSchema.authorization(null, "authorizations[" + i + "]", a.units);
                if (q == null) auths.add(new PriorAuthorization(a.id, a.units));
                else p = addAll(p, q);
            }
            // how the parts fit (repeated line numbers) once every part is sound: the positions then agree
            if (built.size() == lines.size() && auths.size() == authorizations.size()) {
                p = ClaimSchema.claimParts(p, built, auths, administrations);
            }
            ClaimSchema.refuse(p);
            return new Claim(id, payer, plan, resolved, placeOfService, dateOfService, built, auths, administrations,
                    patient, provider);
        }

        private static List<Problem> addAll(List<Problem> p, List<Problem> more) {
            if (p == null) return more;
            p.addAll(more);
            return p;
        }
    }
}
