package org.pplc.docs;

import org.pplc.runtime.model.Provenance;
import org.pplc.runtime.model.SourceRef;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers for the view model: ordered maps of plain values, and source positions in words. */
final class Model {
    private Model() {
    }

    /** An ordered map from alternating keys and values; the only shape templates see besides lists and strings. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    /** "policies/core/cpt-admin.ppl:41:3", or "" when unknown. */
    static String where(SourceRef s) {
        return s == null ? "" : s.file() + ":" + s.line() + ":" + s.column();
    }

    static String where(Provenance p) {
        return p == null ? "" : where(p.source());
    }

    static String citation(Provenance p) {
        return p == null || p.citation() == null ? "" : p.citation();
    }

    /** A file name for an id: ids are already safe; anything else becomes '_' so no id can leave its folder. */
    static String file(String id) {
        StringBuilder b = new StringBuilder(id.length());
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            b.append(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' ? c : '_');
        }
        return b.toString();
    }
}
