package org.pplc.runtime.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import org.pplc.runtime.claim.Administration;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.claim.PriorAuthorization;
import org.pplc.runtime.engine.Explanation;
import org.pplc.runtime.engine.Finding;
import org.pplc.runtime.engine.LineExplanation;
import org.pplc.runtime.engine.Result;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes results, error records and claims as NDJSON: one JSON document a line, UTF-8, fields
 * always in the same order so that equal input gives byte-equal output. Records are counted as
 * they are written; since there is one output record per input record in input order, that count
 * is the input index an error record carries. Closing flushes; the stream stays open.
 */
public final class JsonOutput implements AutoCloseable {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
            // the generator's flush only hands its bytes on (results written directly go in
            // between); flush() and close() flush the stream themselves
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    // Field names of results and error records, quoted and encoded once (the writer copies the
    // bytes) rather than escaped and encoded for every record.
    private static final SerializedString F_ACTION = new SerializedString("action");
    private static final SerializedString F_APPEAL = new SerializedString("appeal");
    private static final SerializedString F_CARC = new SerializedString("carc");
    private static final SerializedString F_CITATION = new SerializedString("citation");
    private static final SerializedString F_CODE = new SerializedString("code");
    private static final SerializedString F_DECISION = new SerializedString("decision");
    private static final SerializedString F_ERROR = new SerializedString("error");
    private static final SerializedString F_EXPLANATION = new SerializedString("explanation");
    private static final SerializedString F_FINDINGS = new SerializedString("findings");
    private static final SerializedString F_FIX = new SerializedString("fix");
    private static final SerializedString F_ID = new SerializedString("id");
    private static final SerializedString F_INDEX = new SerializedString("index");
    private static final SerializedString F_LAYER = new SerializedString("layer");
    private static final SerializedString F_LINE = new SerializedString("line");
    private static final SerializedString F_LINES = new SerializedString("lines");
    private static final SerializedString F_MESSAGE = new SerializedString("message");
    private static final SerializedString F_OUTCOME = new SerializedString("outcome");
    private static final SerializedString F_PAYER = new SerializedString("payer");
    private static final SerializedString F_PLAN = new SerializedString("plan");
    private static final SerializedString F_POLICY = new SerializedString("policy");
    private static final SerializedString F_RARC = new SerializedString("rarc");
    private static final SerializedString F_REASON = new SerializedString("reason");
    private static final SerializedString F_RULE = new SerializedString("rule");
    private static final SerializedString F_SOURCE = new SerializedString("source");

    private final JsonGenerator g;
    private final OutputStream out;
    /** The generator holds bytes not yet handed to {@link #out}. */
    private boolean pending;
    /** Null when every result goes through the generator (tests compare both ways). */
    private final Direct direct;
    private int index;

    public JsonOutput(OutputStream out) {
        this(out, 0);
    }

    /**
     * Output whose first record is input record {@code firstIndex}: a run cut into batches
     * written apart gives each batch's error records the index they have in the whole input.
     */
    public JsonOutput(OutputStream out, int firstIndex) {
        this(out, firstIndex, true);
    }

    JsonOutput(OutputStream out, int firstIndex, boolean direct) {
        this.direct = direct ? new Direct() : null;
        this.index = firstIndex;
        this.out = out;
        try {
            this.g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        g.setRootValueSeparator(null);
    }

    /** A result; an error result (unknown payer, no policy in force) takes the error record's shape. */
    public void write(Result r) {
        try {
            if (direct != null && !r.isError() && r.explanation() == null && direct.result(r)) {
                // the common result, written straight as bytes; the generator's bytes go first
                if (pending) {
                    g.flush();
                    pending = false;
                }
                out.write(direct.buf, 0, direct.length);
                index++;
                return;
            }
            pending = true;
            if (r.isError()) {
                error(r.id(), index, r.error());
            } else {
                result(r);
            }
            end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {"id":..,"index":..,"decision":"error","error":".."} */
    public void writeError(ClaimRecord.Invalid e) {
        pending = true;
        try {
            error(e.id(), e.index(), e.error());
            end();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    /** A claim as CONTRACT.md writes it (derive's output): lines carry "because" when they have one. */
    public void writeClaim(Claim c) {
        writeClaim(c, null, List.of());
    }

    /**
     * Derive's output: the claim, the policy whose hierarchy decided it, and what was given but not
     * billed (or needs a look), as "notes" after the administrations.
     */
    public void writeClaim(Claim c, String policy, List<String> notes) {
        writeClaim(c, policy, notes, List.of());
    }

    /**
     * As {@link #writeClaim(Claim, String, List)}, with derive's "warnings" (what in the record looks wrong
     * though it was coded as given) after the notes; no field when there are none.
     */
    public void writeClaim(Claim c, String policy, List<String> notes, List<String> warnings) {
        pending = true;
        try {
            claim(c, policy, notes, warnings);
            end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void flush() {
        try {
            g.flush();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            g.close();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void end() throws IOException {
        g.writeRaw('\n');
        index++;
    }

    private void string(SerializedString name, String value) throws IOException {
        g.writeFieldName(name);
        g.writeString(value);
    }

    private void number(SerializedString name, int value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(value);
    }

    private void arrayStart(SerializedString name) throws IOException {
        g.writeFieldName(name);
        g.writeStartArray();
    }

    private void error(String id, int at, String message) throws IOException {
        g.writeStartObject();
        string(F_ID, id);
        number(F_INDEX, at);
        string(F_DECISION, "error");
        string(F_ERROR, message);
        g.writeEndObject();
    }

    private void result(Result r) throws IOException {
        g.writeStartObject();
        string(F_ID, r.id());
        string(F_PAYER, r.payer());
        if (r.plan() != null) string(F_PLAN, r.plan());
        string(F_POLICY, r.policy());
        string(F_DECISION, r.decision().id());
        arrayStart(F_FINDINGS);
        for (Finding f : r.findings()) finding(f);
        g.writeEndArray();
        if (r.explanation() != null) {
            arrayStart(F_LINES);
            for (LineExplanation l : r.explanation()) {
                g.writeStartObject();
                number(F_LINE, l.line());
                string(F_CODE, l.code());
                arrayStart(F_EXPLANATION);
                for (Explanation e : l.checks()) {
                    g.writeStartObject();
                    string(F_RULE, e.rule().id());
                    string(F_OUTCOME, e.outcome());
                    string(F_REASON, e.reason());
                    string(F_LAYER, e.layer());
                    string(F_SOURCE, e.source());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private void finding(Finding f) throws IOException {
        g.writeStartObject();
        number(F_LINE, f.line());
        string(F_CODE, f.code());
        string(F_ACTION, f.action().id());
        string(F_CARC, f.carc());
        g.writeFieldName(F_RARC);
        g.writeStartArray();
        for (String v : f.rarc()) g.writeString(v);
        g.writeEndArray();
        string(F_RULE, f.rule().id());
        string(F_MESSAGE, f.message());
        string(F_FIX, f.fix());
        string(F_APPEAL, f.appeal());
        string(F_SOURCE, f.source());
        string(F_LAYER, f.layer());
        if (f.citation() != null) string(F_CITATION, f.citation());
        g.writeEndObject();
    }

    private void claim(Claim c, String policy, List<String> notes, List<String> warnings) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeStringField("payer", c.payer());
        if (c.plan() != null) g.writeStringField("plan", c.plan());
        g.writeStringField("setting", c.setting() == null ? null : c.setting().id());
        if (c.placeOfService() != null) g.writeStringField("placeOfService", c.placeOfService());
        g.writeStringField("dateOfService", c.dateOfService() == null ? null : c.dateOfService().toString());
        if (c.patient() != null) g.writeStringField("patient", c.patient());
        if (c.provider() != null) g.writeStringField("provider", c.provider());
        if (policy != null) g.writeStringField("policy", policy);
        g.writeArrayFieldStart("lines");
        for (ClaimLine l : c.lines()) {
            g.writeStartObject();
            g.writeNumberField("line", l.line());
            g.writeStringField("code", l.code());
            g.writeNumberField("units", l.units());
            strings("modifiers", l.modifiers());
            if (l.ndc() != null) g.writeStringField("ndc", l.ndc());
            if (l.because() != null) g.writeStringField("because", l.because());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (!c.authorizations().isEmpty()) {
            g.writeArrayFieldStart("authorizations");
            for (PriorAuthorization a : c.authorizations()) {
                g.writeStartObject();
                if (a.id() != null) g.writeStringField("id", a.id());
                g.writeObjectFieldStart("units");
                // Map.copyOf has no order: write codes sorted so output is deterministic
                for (Map.Entry<String, Integer> u : new java.util.TreeMap<>(a.units()).entrySet()) {
                    g.writeNumberField(u.getKey(), u.getValue());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeArrayFieldStart("administrations");
        for (Administration a : c.administrations()) {
            g.writeStartObject();
            if (a.drug() != null) g.writeStringField("drug", a.drug());
            if (a.hcpcs() != null) g.writeStringField("hcpcs", a.hcpcs());
            if (a.category() != null) g.writeStringField("category", a.category());
            if (a.method() != null) g.writeStringField("method", a.method().id());
            if (a.start() != null) g.writeStringField("start", a.start().toString());
            if (a.end() != null) g.writeStringField("end", a.end().toString());
            if (a.site() != null) g.writeStringField("site", a.site());
            if (a.dose() != null) {
                g.writeObjectFieldStart("dose");
                g.writeFieldName("amount");
                g.writeNumber(a.dose().amount());
                g.writeStringField("unit", a.dose().unit());
                if (a.dose().discarded() != null) {
                    g.writeFieldName("discarded");
                    g.writeNumber(a.dose().discarded());
                }
                g.writeEndObject();
            }
            if (a.primary()) g.writeBooleanField("primary", true);
            g.writeEndObject();
        }
        g.writeEndArray();
        if (!notes.isEmpty()) strings("notes", notes);
        if (!warnings.isEmpty()) strings("warnings", warnings);
        g.writeEndObject();
    }

    private void strings(String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) g.writeString(v);
        g.writeEndArray();
    }

    /**
     * A result without explanation written straight into bytes: the same bytes the generator
     * writes ({@code DirectWriteTest} compares them), without its per-value state checks and with
     * the values that come from the policies (policy ids, decisions, actions, codes, rule ids,
     * positions) quoted once and copied after that. It takes only text that JSON needs no escape
     * for (printable ASCII without quote or backslash); a result with anything else is left to
     * the generator, so escapes and non-ASCII text are always the generator's.
     */
    static final class Direct {
        /**
         * Quoted values seen lately, direct-mapped by the string's hash: policy-derived texts repeat
         * on every claim. Shared by all writers without a lock: a slot holds an immutable pair
         * (final fields, so safely published by a plain store), and a race only costs a recount.
         * A hash map here was ~7% of a worker's time (its nodes, scattered, are cache misses).
         */
        private static final Quoted[] QUOTED = new Quoted[8192];

        private record Quoted(String value, byte[] bytes) {
        }
        private static final byte[] NULL = {'n', 'u', 'l', 'l'};
        // the structure and field names, encoded once: copied, not converted char by char
        private static final byte[] B_OPEN_ID = ascii("{\"id\":");
        private static final byte[] B_PAYER = ascii(",\"payer\":");
        private static final byte[] B_PLAN = ascii(",\"plan\":");
        private static final byte[] B_POLICY = ascii(",\"policy\":");
        private static final byte[] B_DECISION = ascii(",\"decision\":");
        private static final byte[] B_FINDINGS_ARRAY = ascii(",\"findings\":[");
        private static final byte[] END = ascii("]}\n");
        private static final byte[] B_OPEN_LINE = ascii("{\"line\":");
        private static final byte[] B_CODE = ascii(",\"code\":");
        private static final byte[] B_ACTION = ascii(",\"action\":");
        private static final byte[] B_CARC = ascii(",\"carc\":");
        private static final byte[] B_RARC_ARRAY = ascii(",\"rarc\":[");
        private static final byte[] B_ARRAY_END_RULE = ascii("],\"rule\":");
        private static final byte[] B_MESSAGE = ascii(",\"message\":");
        private static final byte[] B_FIX = ascii(",\"fix\":");
        private static final byte[] B_APPEAL = ascii(",\"appeal\":");
        private static final byte[] B_SOURCE = ascii(",\"source\":");
        private static final byte[] B_LAYER = ascii(",\"layer\":");
        private static final byte[] B_CITATION = ascii(",\"citation\":");

        private static byte[] ascii(String s) {
            return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        /** Decisions and actions by ordinal, quoted ("deny"): their id() makes a new string per call. */
        private static final byte[][] DECISIONS = quoted(java.util.Arrays.stream(org.pplc.runtime.engine.Decision.values())
                .map(org.pplc.runtime.engine.Decision::id).toArray(String[]::new));
        private static final byte[][] ACTIONS = quoted(java.util.Arrays.stream(org.pplc.runtime.model.Action.values())
                .map(org.pplc.runtime.model.Action::id).toArray(String[]::new));

        private static byte[][] quoted(String[] ids) {
            byte[][] out = new byte[ids.length][];
            for (int i = 0; i < ids.length; i++) out[i] = ("\"" + ids[i] + "\"").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            return out;
        }

        byte[] buf = new byte[4096];
        int length;

        /** True when r was written to buf[0, length), newline included; false when the generator must write it. */
        boolean result(Result r) {
            length = 0;
            bytes(B_OPEN_ID);
            if (!text(r.id())) return false;
            bytes(B_PAYER);
            if (!text(r.payer())) return false;
            if (r.plan() != null) {
                bytes(B_PLAN);
                if (!text(r.plan())) return false;
            }
            bytes(B_POLICY);
            if (!constant(r.policy())) return false;
            bytes(B_DECISION);
            bytes(DECISIONS[r.decision().ordinal()]);
            bytes(B_FINDINGS_ARRAY);
            List<Finding> findings = r.findings();
            for (int i = 0, n = findings.size(); i < n; i++) {
                if (i > 0) one((byte) ',');
                if (!finding(findings.get(i))) return false;
            }
            bytes(END);
            return true;
        }

        private boolean finding(Finding f) {
            bytes(B_OPEN_LINE);
            number(f.line());
            bytes(B_CODE);
            if (!text(f.code())) return false;
            bytes(B_ACTION);
            bytes(ACTIONS[f.action().ordinal()]);
            bytes(B_CARC);
            if (!constant(f.carc())) return false;
            bytes(B_RARC_ARRAY);
            List<String> rarc = f.rarc();
            for (int i = 0, n = rarc.size(); i < n; i++) {
                if (i > 0) one((byte) ',');
                if (!constant(rarc.get(i))) return false;
            }
            bytes(B_ARRAY_END_RULE);
            if (!constant(f.rule().id())) return false;
            bytes(B_MESSAGE);
            if (!text(f.message())) return false;
            bytes(B_FIX);
            if (!text(f.fix())) return false;
            bytes(B_APPEAL);
            if (!text(f.appeal())) return false;
            bytes(B_SOURCE);
            if (!constant(f.source())) return false;
            bytes(B_LAYER);
            if (!constant(f.layer())) return false;
            if (f.citation() != null) {
                bytes(B_CITATION);
                if (!constant(f.citation())) return false;
            }
            one((byte) '}');
            return true;
        }

        private void room(int n) {
            if (length + n > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, length + n));
        }

        /** Structure and field names: ASCII literals. */
        private void raw(String s) {
            int n = s.length();
            room(n);
            for (int i = 0; i < n; i++) buf[length++] = (byte) s.charAt(i);
        }

        private void number(int v) {
            raw(Integer.toString(v));
        }

        /** A value that comes from the policies: its quoted bytes are kept. */
        private boolean constant(String s) {
            if (s == null) return text(null);
            int h = s.hashCode();
            int slot = (h ^ (h >>> 13)) & (QUOTED.length - 1);
            Quoted q = QUOTED[slot];
            if (q != null && (q.value == s || q.value.equals(s))) {
                bytes(q.bytes);
                return true;
            }
            int start = length;
            if (!text(s)) return false;
            QUOTED[slot] = new Quoted(s, java.util.Arrays.copyOfRange(buf, start, length));
            return true;
        }

        private void one(byte b) {
            room(1);
            buf[length++] = b;
        }

        private void bytes(byte[] q) {
            room(q.length);
            System.arraycopy(q, 0, buf, length, q.length);
            length += q.length;
        }

        /** A quoted string or null; false (nothing usable written) when it needs an escape or is not ASCII. */
        private boolean text(String s) {
            if (s == null) {
                room(4);
                System.arraycopy(NULL, 0, buf, length, 4);
                length += 4;
                return true;
            }
            int n = s.length();
            room(n + 2);
            byte[] b = buf;
            int at = length;
            b[at++] = '"';
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') return false;
                b[at++] = (byte) c;
            }
            b[at++] = '"';
            length = at;
            return true;
        }
    }
}
