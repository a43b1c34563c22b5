package org.pplc.runtime.derive;

import org.pplc.runtime.claim.Administration;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.claim.Dose;
import org.pplc.runtime.io.ClaimReader;
import org.pplc.runtime.io.ClaimRecord;
import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.Setting;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/** Visits for tests: read from the example files, or written inline on one date. */
final class Visits {
    private Visits() {
    }

    static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    /** One of the worked examples under policies/examples, read as derive reads its input. */
    static Claim example(String name) {
        try (InputStream in = Files.newInputStream(Path.of("policies/examples", name));
             ClaimReader reader = new ClaimReader(in, ClaimReader.Purpose.DERIVE)) {
            ClaimRecord record = reader.next();
            if (record instanceof ClaimRecord.Valid valid) return valid.claim();
            throw new AssertionError("example " + name + " is not a valid visit: " + record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read example " + name, e);
        }
    }

    static Claim visit(String payer, Setting setting, Administration... given) {
        return new Claim("T-1", payer, null, setting, setting == Setting.FACILITY ? "22" : "11", DAY, List.of(),
                List.of(), List.of(given));
    }

    /** An administration on site A from start for the given minutes (start "09:00"). */
    static Administration given(String drug, String hcpcs, String category, Method method, String start, int minutes) {
        return given(drug, hcpcs, category, method, start, minutes, "A", null, false);
    }

    static Administration given(String drug, String hcpcs, String category, Method method, String start, int minutes,
                                String site, Dose dose, boolean primary) {
        LocalDateTime from = DAY.atTime(LocalTime.parse(start));
        return new Administration(drug, hcpcs, category, method, from, from.plusMinutes(minutes), site, dose, primary);
    }

    static Dose dose(String amount, String unit) {
        return new Dose(new BigDecimal(amount), unit);
    }

    /** Lines as a biller reads them: "96415 x3", "J9312-JZ x68". */
    static List<String> codes(Derivation d) {
        if (!(d instanceof Derivation.Derived derived)) throw new AssertionError("not derived: " + d);
        return derived.claim().lines().stream().map(Visits::show).toList();
    }

    static String show(ClaimLine l) {
        return l.code() + (l.modifiers().isEmpty() ? "" : "-" + String.join("-", l.modifiers())) + " x" + l.units();
    }

    static Derivation.Derived derived(Derivation d) {
        if (!(d instanceof Derivation.Derived derived)) throw new AssertionError("not derived: " + d);
        return derived;
    }
}
