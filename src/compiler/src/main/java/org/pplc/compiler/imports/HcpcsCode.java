package org.pplc.compiler.imports;

import java.util.Locale;
import java.util.regex.Pattern;

/** The shape of a CPT or HCPCS code: five characters, e.g. 96417, J9312, 0001U, 0519T, G0498. */
final class HcpcsCode {
    // CPT category I (5 digits), II/III/PLA (4 digits and F/T/U...), HCPCS level II (a letter and 4 digits).
    private static final Pattern SHAPE = Pattern.compile("[0-9]{4}[0-9A-Z]|[A-Z][0-9]{4}");

    private HcpcsCode() {
    }

    /** The code in the form the policy language writes it, or null when the text is not a code. */
    static String normalize(String text) {
        if (text == null) return null;
        String c = text.strip().toUpperCase(Locale.ROOT);
        return SHAPE.matcher(c).matches() ? c : null;
    }
}
