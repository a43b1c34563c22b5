package org.pplc.runtime.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.pplc.runtime.claim.Administration;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.claim.ClaimSchema;
import org.pplc.runtime.claim.InvalidClaimException;
import org.pplc.runtime.claim.Dose;
import org.pplc.runtime.claim.PriorAuthorization;
import org.pplc.runtime.engine.Texts;
import org.pplc.runtime.model.IsoDates;
import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.Setting;
import org.pplc.runtime.policy.Suggest;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Parses the text of one record with Jackson and checks it against the claim schema of
 * CONTRACT.md, collecting every problem with the field it concerns (lines[2].units: ...).
 */
final class RecordParser {
    static final int MAX_RECORD_CHARS = 4_000_000;
    static final int MAX_NESTING = 32;
    static final int MAX_STRING = 100_000;
    static final int MAX_NUMBER_CHARS = 40;
    static final int MAX_LINES = ClaimSchema.MAX_LINES;
    static final int MAX_MODIFIERS = ClaimSchema.MAX_MODIFIERS;

    /**
     * The fields each object of a record may have (CONTRACT.md); any other is an error with a
     * did-you-mean, since a misspelt field ("unitz") would otherwise be dropped and its default billed.
     * A claim may carry what derive writes (policy, notes), so derive's output reads back.
     */
    static final List<String> CLAIM_FIELDS = List.of("id", "payer", "plan", "setting", "placeOfService", "dateOfService",
            "lines", "authorizations", "administrations", "patient", "provider", "policy", "notes");
    static final List<String> LINE_FIELDS = List.of("line", "code", "units", "modifiers", "ndc", "because");
    static final List<String> AUTHORIZATION_FIELDS = List.of("id", "units");
    static final List<String> ADMINISTRATION_FIELDS = List.of("drug", "hcpcs", "category", "method", "start", "end",
            "site", "dose", "primary");
    static final List<String> DOSE_FIELDS = List.of("amount", "unit", "discarded");

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxDocumentLength(MAX_RECORD_CHARS)
                    .maxNestingDepth(MAX_NESTING)
                    .maxStringLength(MAX_STRING)
                    .maxNumberLength(MAX_NUMBER_CHARS)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RecordParser() {
    }

    /** True when the text holds a whole JSON value, or is broken before it ends: one record a line. */
    static boolean completeOrBroken(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) return true;
            p.skipChildren();
            return true;
        } catch (JsonEOFException e) {
            return false;
        } catch (JsonParseException e) {
            // Jackson reports the end of the text right after a comma ({"id":"A",) as a plain parse
            // error, not as JsonEOFException; that is where most people wrap a long object.
            String message = e.getOriginalMessage();
            return message == null || !message.startsWith("Unexpected end-of-input");
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * True when the text is one whole JSON object and nothing else. A line like that cannot go on
     * a wrapped object whose first line stopped inside it (a continuation is a member, an element
     * followed by a comma or a closing bracket), so after a broken first line it shows NDJSON.
     */
    static boolean wholeObject(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return false;
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    static ClaimRecord parse(int index, RecordSource.Raw raw, ClaimReader.Purpose purpose) {
        return parse(index, raw, purpose, null, -1);
    }

    /** As above; record k of {@code lines} (null: the record is read alone). */
    static ClaimRecord parse(int index, RecordSource.Raw raw, ClaimReader.Purpose purpose, Lines lines, int k) {
        if (raw.error() != null) return new ClaimRecord.Invalid(index, idOf(raw.text()), raw.error() + where(raw, null));
        if (purpose == ClaimReader.Purpose.ADJUDICATE) {
            Claim claim = lines != null && raw.bytes() != null ? Fast.claim(lines, k) : Fast.claim(raw);
            if (claim != null) return new ClaimRecord.Valid(index, claim);
        }
        return parseTree(index, raw, purpose);
    }

    /**
     * One parser for the ASCII lines of a batch, which RecordSource copies one after another into
     * one array with a newline between them: creating and closing a Jackson parser for every line
     * cost about a quarter of what Jackson's reading of a claim costs. The parser goes on from one
     * line to the next while each line held exactly one object and nothing else; after any other
     * line (which the tree read then reads alone, as before) the next line starts a new parser.
     * Used by one thread at a time, in line order.
     */
    static final class Lines {
        private final RecordSource.Raw[] raws;
        private final int size;
        private JsonParser parser;
        /** What {@link #parser} reads, and where in it it started. */
        private byte[] array;
        private int base;
        /** Where the last line the parser read whole ends; the next line must start right after it. */
        private int end = -1;
        private int made;

        Lines(RecordSource.Raw[] raws, int size) {
            this.raws = raws;
            this.size = size;
        }

        /** The parser, before line k's first token; a new one unless line k follows the last one read. */
        JsonParser parserFor(int k) throws IOException {
            RecordSource.Raw raw = raws[k];
            if (parser != null && raw.bytes() == array && raw.offset() == end + 1) return parser;
            close();
            array = raw.bytes();
            base = raw.offset();
            // as far as the lines of this batch go on in the same array: never into the next
            // batch's lines, which another worker may be cutting into it now
            int last = raw.end();
            for (int j = k + 1; j < size && raws[j].bytes() == array && raws[j].offset() == last + 1; j++) last = raws[j].end();
            parser = Fast.NO_DUPLICATE_CHECK.createParser(array, base, last - base);
            made++;
            return parser;
        }

        /** Parsers made so far (for tests: clean lines share one). */
        int made() {
            return made;
        }

        /**
         * After line k's object: true when only spaces, tabs or carriage returns follow it on the
         * line (what the tree read accepts after the value); the next line may then go on.
         */
        boolean onlySpaceAfter(JsonParser p, int k) {
            RecordSource.Raw raw = raws[k];
            long at = base + p.currentLocation().getByteOffset();
            int lineEnd = raw.end();
            if (at < raw.offset() || at > lineEnd) return false;
            for (int i = (int) at; i < lineEnd; i++) {
                byte b = array[i];
                if (b != ' ' && b != '\t' && b != '\r') return false;
            }
            end = lineEnd;
            return true;
        }

        /** Releases the parser's buffers; the next line starts a new one. */
        void close() {
            JsonParser p = parser;
            parser = null;
            end = -1;
            if (p != null) {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // an array source has nothing to release but buffers
                }
            }
        }
    }

    /** The full read: Jackson's tree, checked field by field, every problem named. */
    static ClaimRecord parseTree(int index, RecordSource.Raw raw, ClaimReader.Purpose purpose) {
        JsonNode node;
        JsonParser parser = null;
        try {
            // Our own parser, so that a limit's error can name the field the parser was in.
            parser = FACTORY.createParser(raw.text());
            node = MAPPER.readTree(parser);
        } catch (StreamConstraintsException e) {
            String field = fieldPath(parser);
            return new ClaimRecord.Invalid(index, idOf(raw.text()), (field.isEmpty() ? "" : field + ": ")
                    + "record breaks a size limit: " + e.getOriginalMessage() + where(raw, e.getLocation()));
        } catch (JsonProcessingException e) {
            return notJson(index, raw, e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // reading from a String does no I/O
        } finally {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException ignored) {
                    // a String source has nothing to release
                }
            }
        }
        return checked(index, raw, node, purpose);
    }

    private static ClaimRecord notJson(int index, RecordSource.Raw raw, JsonProcessingException e) {
        return new ClaimRecord.Invalid(index, idOf(raw.text()), "not valid JSON: " + e.getOriginalMessage()
                + where(raw, e.getLocation()));
    }

    /** Where the parser was when a limit stopped it, as the schema names fields: lines[2].code. */
    static String fieldPath(JsonParser p) {
        if (p == null) return "";
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (com.fasterxml.jackson.core.JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            else if (c.getCurrentName() != null) parts.push(c.getCurrentName());
        }
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (String part : parts) {
            if (shown++ == 6) return b.append("...").toString(); // a nesting-depth error would list every level
            if (!b.isEmpty() && !part.startsWith("[")) b.append('.');
            b.append(part);
        }
        return b.toString();
    }

    private static ClaimRecord checked(int index, RecordSource.Raw raw, JsonNode node, ClaimReader.Purpose purpose) {
        if (node == null || !node.isObject()) {
            return new ClaimRecord.Invalid(index, null, "a record must be a JSON object (a claim), got "
                    + (node == null ? "nothing" : describe(node)) + where(raw, null));
        }
        return new Validation(node, purpose).toRecord(index);
    }

    private static String where(RecordSource.Raw raw, JsonLocation location) {
        int line = raw.line() + (location == null || location.getLineNr() < 1 ? 0 : location.getLineNr() - 1);
        return " (input line " + line + ")";
    }

    /** The record's id, read up to the point where the text breaks; null when there is none before it. */
    static String idOf(String text) {
        if (text == null || text.isEmpty()) return null;
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if ("id".equals(name) && v != null && v.isScalarValue()) return p.getText();
                    p.skipChildren();
                } else if (t == JsonToken.END_OBJECT) {
                    return null;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static String describe(JsonNode n) {
        if (n.isTextual()) return "\"" + n.asText() + "\"";
        if (n.isObject()) return "an object";
        if (n.isArray()) return "an array";
        return n.toString();
    }

    /** One record's checks; every problem is collected, so a user fixes them in one go. */
    private static final class Validation {
        private final JsonNode root;
        private final ClaimReader.Purpose purpose;
        private final List<String> errors = new ArrayList<>();

        Validation(JsonNode root, ClaimReader.Purpose purpose) {
            this.root = root;
            this.purpose = purpose;
        }

        ClaimRecord toRecord(int index) {
            known(root, "", CLAIM_FIELDS);
            String id = optionalScalar(root, "id", "id");
            String payer = requiredText(root, "payer", "payer");
            String plan = optionalText(root, "plan", "plan");
            LocalDate date = date(root.get("dateOfService"), "dateOfService");
            String pos = optionalScalar(root, "placeOfService", "placeOfService");
            Setting setting = setting(root.get("setting"), pos);
            List<ClaimLine> lines = lines(root.get("lines"));
            List<PriorAuthorization> auths = authorizations(root.get("authorizations"));
            List<Administration> administrations = purpose == ClaimReader.Purpose.DERIVE
                    ? administrations(root.get("administrations")) : List.of();
            String patient = optionalScalar(root, "patient", "patient");
            String provider = optionalScalar(root, "provider", "provider");
            if (!errors.isEmpty()) return new ClaimRecord.Invalid(index, id, String.join("; ", errors));
            try {
                return new ClaimRecord.Valid(index, new Claim(id, payer, plan, setting, pos, date, lines, auths,
                        administrations, patient, provider));
            } catch (InvalidClaimException e) {
                return new ClaimRecord.Invalid(index, id, e.getMessage()); // the checks above word all but none of these
            }
        }

        /** Every field of the object that the schema does not know, named with the nearest it does. */
        private void known(JsonNode object, String at, List<String> fields) {
            Iterator<String> names = object.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (fields.contains(name)) continue;
                String hint = Suggest.didYouMean(name, fields);
                errors.add((at.isEmpty() ? "" : at + ".") + name + ": unknown field"
                        + (hint.isEmpty() ? " (expected " + Texts.or(fields) + ")" : hint));
            }
        }

        private Setting setting(JsonNode node, String pos) {
            if (present(node)) {
                Setting s = node.isTextual() ? Setting.fromId(node.asText()) : null;
                if (s == null) errors.add("setting: must be facility or professional, got " + describe(node));
                return s;
            }
            if (pos == null) {
                errors.add("setting: " + ClaimSchema.SETTING_MISSING);
                return null;
            }
            Setting s = Setting.fromPlaceOfService(pos);
            if (s == null) errors.add("placeOfService: " + ClaimSchema.placeOfServiceUntold(pos));
            return s;
        }

        private List<ClaimLine> lines(JsonNode node) {
            if (!present(node)) {
                if (purpose == ClaimReader.Purpose.ADJUDICATE) errors.add("lines: missing");
                return List.of();
            }
            if (!node.isArray()) {
                errors.add("lines: must be an array of lines, got " + describe(node));
                return List.of();
            }
            if (node.size() > MAX_LINES) {
                errors.add("lines: " + ClaimSchema.tooManyLines(node.size()));
                return List.of();
            }
            if (node.isEmpty() && purpose == ClaimReader.Purpose.ADJUDICATE) {
                errors.add("lines: " + ClaimSchema.NO_LINES);
                return List.of();
            }
            List<ClaimLine> lines = new ArrayList<>(node.size());
            int broken = errors.size();
            for (int i = 0; i < node.size(); i++) {
                JsonNode l = node.get(i);
                String at = "lines[" + i + "]";
                if (!l.isObject()) {
                    errors.add(at + ": must be an object, got " + describe(l));
                    continue;
                }
                int before = errors.size();
                known(l, at, LINE_FIELDS);
                int number = integer(l.get("line"), at + ".line", i + 1, 1);
                String code = requiredText(l, "code", at + ".code");
                int units = integer(l.get("units"), at + ".units", 1, 1);
                List<String> modifiers = strings(l.get("modifiers"), at + ".modifiers");
                if (modifiers.size() > MAX_MODIFIERS) {
                    errors.add(at + ".modifiers: " + ClaimSchema.tooManyModifiers(modifiers.size()));
                }
                String ndc = optionalScalar(l, "ndc", at + ".ndc");
                String because = optionalText(l, "because", at + ".because");
                if (errors.size() == before) lines.add(new ClaimLine(number, code, units, modifiers, ndc, because));
            }
            // once every line reads: then the list's positions are the record's
            if (errors.size() == broken) {
                List<InvalidClaimException.Problem> repeats = ClaimSchema.repeatedLineNumbers(null, lines);
                if (repeats != null) for (InvalidClaimException.Problem r : repeats) errors.add(r.toString());
            }
            return lines;
        }

        private List<PriorAuthorization> authorizations(JsonNode node) {
            if (!present(node)) return List.of();
            if (!node.isArray()) {
                errors.add("authorizations: must be an array, got " + describe(node));
                return List.of();
            }
            List<PriorAuthorization> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode a = node.get(i);
                String at = "authorizations[" + i + "]";
                if (!a.isObject()) {
                    errors.add(at + ": must be an object, got " + describe(a));
                    continue;
                }
                int before = errors.size();
                known(a, at, AUTHORIZATION_FIELDS);
                String id = optionalScalar(a, "id", at + ".id");
                JsonNode units = a.get("units");
                Map<String, Integer> byCode = new LinkedHashMap<>();
                if (!present(units) || !units.isObject()) {
                    errors.add(at + ".units: " + ClaimSchema.AUTHORIZED_UNITS);
                } else {
                    Iterator<Map.Entry<String, JsonNode>> it = units.fields();
                    while (it.hasNext()) {
                        Map.Entry<String, JsonNode> f = it.next();
                        byCode.put(f.getKey(), integer(f.getValue(), at + ".units." + f.getKey(), 0, 0));
                    }
                }
                if (errors.size() == before) out.add(new PriorAuthorization(id, byCode));
            }
            return out;
        }

        private List<Administration> administrations(JsonNode node) {
            if (!present(node)) {
                errors.add("administrations: missing");
                return List.of();
            }
            if (!node.isArray()) {
                errors.add("administrations: must be an array, got " + describe(node));
                return List.of();
            }
            if (node.isEmpty()) {
                errors.add("administrations: " + ClaimSchema.NO_ADMINISTRATIONS);
                return List.of();
            }
            List<Administration> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode a = node.get(i);
                String at = "administrations[" + i + "]";
                if (!a.isObject()) {
                    errors.add(at + ": must be an object, got " + describe(a));
                    continue;
                }
                int before = errors.size();
                known(a, at, ADMINISTRATION_FIELDS);
                String drug = optionalText(a, "drug", at + ".drug");
                String hcpcs = optionalScalar(a, "hcpcs", at + ".hcpcs");
                if (drug == null && hcpcs == null && !present(a.get("drug")) && !present(a.get("hcpcs"))) {
                    errors.add(at + ": " + ClaimSchema.NEEDS_DRUG);
                }
                String category = optionalText(a, "category", at + ".category");
                Method method = null;
                JsonNode m = a.get("method");
                if (!present(m)) errors.add(at + ".method: " + ClaimSchema.METHOD_MISSING);
                else if ((method = m.isTextual() ? Method.fromId(m.asText()) : null) == null) {
                    errors.add(at + ".method: unknown method " + describe(m) + " (expected " + Texts.or(Method.recordIds()) + ")");
                }
                LocalDateTime start = dateTime(a.get("start"), at + ".start");
                LocalDateTime end = ClaimSchema.endOptional(method) && !present(a.get("end")) ? null
                        : dateTime(a.get("end"), at + ".end");
                if (start != null && end != null && end.isBefore(start)) {
                    errors.add(at + ".end: " + ClaimSchema.endBeforeStart(end, start));
                }
                String site = optionalScalar(a, "site", at + ".site");
                Dose dose = dose(a.get("dose"), at + ".dose");
                boolean primary = false;
                JsonNode p = a.get("primary");
                if (present(p)) {
                    if (p.isBoolean()) primary = p.asBoolean();
                    else errors.add(at + ".primary: must be true or false, got " + describe(p));
                }
                if (errors.size() == before) out.add(new Administration(drug, hcpcs, category, method, start, end, site, dose, primary));
            }
            return out;
        }

        private Dose dose(JsonNode node, String at) {
            if (!present(node)) return null;
            if (!node.isObject()) {
                errors.add(at + ": must be an object like {\"amount\": 675, \"unit\": \"mg\"}, got " + describe(node));
                return null;
            }
            int before = errors.size();
            known(node, at, DOSE_FIELDS);
            JsonNode amount = node.get("amount");
            String unit = requiredText(node, "unit", at + ".unit");
            if (!present(amount) || !amount.isNumber()) {
                errors.add(at + ".amount: must be a number, got " + (present(amount) ? describe(amount) : "nothing"));
                return null;
            }
            if (amount.decimalValue().signum() <= 0) {
                errors.add(at + ".amount: must be above 0, got " + amount);
                return null;
            }
            // the amount thrown away from a single-dose container (JW); absent means none recorded
            JsonNode discarded = node.get("discarded");
            java.math.BigDecimal thrownAway = null;
            if (present(discarded)) {
                if (!discarded.isNumber() || discarded.decimalValue().signum() < 0) {
                    errors.add(at + ".discarded: must be a number of 0 or more, got " + describe(discarded));
                    return null;
                }
                thrownAway = discarded.decimalValue();
            }
            return unit == null || errors.size() != before ? null : new Dose(amount.decimalValue(), unit, thrownAway);
        }

        // ---- fields ----

        private static boolean present(JsonNode n) {
            return n != null && !n.isNull() && !n.isMissingNode();
        }

        private String requiredText(JsonNode parent, String field, String at) {
            JsonNode n = parent.get(field);
            if (!present(n)) {
                errors.add(at + ": " + ClaimSchema.MISSING);
                return null;
            }
            if (!n.isTextual()) {
                errors.add(at + ": must be a string, got " + describe(n));
                return null;
            }
            if (n.asText().isBlank()) {
                errors.add(at + ": " + ClaimSchema.EMPTY);
                return null;
            }
            return n.asText();
        }

        private String optionalText(JsonNode parent, String field, String at) {
            JsonNode n = parent.get(field);
            if (!present(n)) return null;
            if (!n.isTextual()) {
                errors.add(at + ": must be a string, got " + describe(n));
                return null;
            }
            return n.asText();
        }

        /** A string, or a number taken as its text (ids and places of service are often written as numbers). */
        private String optionalScalar(JsonNode parent, String field, String at) {
            JsonNode n = parent.get(field);
            if (!present(n)) return null;
            if (n.isTextual() || n.isIntegralNumber()) return n.asText();
            errors.add(at + ": must be a string, got " + describe(n));
            return null;
        }

        private int integer(JsonNode n, String at, int fallback, int min) {
            if (!present(n)) return fallback;
            if (!n.isNumber()) {
                errors.add(at + ": must be a whole number, got " + describe(n));
                return fallback;
            }
            if (!n.isIntegralNumber()) {
                errors.add(at + ": must be a whole number, got " + n);
                return fallback;
            }
            if (!n.canConvertToInt()) {
                errors.add(at + ": too large, got " + n);
                return fallback;
            }
            if (n.intValue() < min) {
                errors.add(at + ": " + ClaimSchema.atLeast(min, n.intValue()));
                return fallback;
            }
            return n.intValue();
        }

        private List<String> strings(JsonNode n, String at) {
            if (!present(n)) return List.of();
            if (!n.isArray()) {
                errors.add(at + ": must be an array of strings, got " + describe(n));
                return List.of();
            }
            List<String> out = new ArrayList<>(n.size());
            for (int i = 0; i < n.size(); i++) {
                JsonNode s = n.get(i);
                if (s.isTextual() && !s.asText().isBlank()) out.add(s.asText());
                else errors.add(at + "[" + i + "]: " + ClaimSchema.notAModifier(describe(s)));
            }
            return out;
        }

        private LocalDate date(JsonNode n, String at) {
            if (!present(n)) {
                errors.add(at + ": missing");
                return null;
            }
            LocalDate date = n.isTextual() ? IsoDates.date(n.asText()) : null;
            if (date != null) return date;
            errors.add(at + ": not a date (YYYY-MM-DD), got " + describe(n));
            return null;
        }

        private LocalDateTime dateTime(JsonNode n, String at) {
            if (!present(n)) {
                errors.add(at + ": missing");
                return null;
            }
            LocalDateTime time = n.isTextual() ? IsoDates.dateTime(n.asText()) : null;
            if (time != null) return time;
            errors.add(at + ": not a local date-time (YYYY-MM-DDThh:mm), got " + describe(n));
            return null;
        }
    }

    /**
     * The common case, read fast: an adjudicate record that is valid as it stands, read with the
     * streaming parser straight into the claim (no tree, no field paths built). At anything out of
     * the ordinary (a null, a number where text is usual, a bad date, a missing field, broken JSON)
     * it gives up with null and the record is read again by {@link Validation}, which words every
     * error; so a record either gets exactly the claim Validation would build, or Validation's answer.
     */
    static final class Fast {
        /**
         * The claim fields the fast read takes; any other (a misspelt name, or administrations, policy
         * and notes, which adjudicate does not read) leaves the record to the tree read, which knows
         * CLAIM_FIELDS and words an unknown one.
         */
        private static final List<String> FIELDS = List.of("id", "payer", "plan", "placeOfService", "dateOfService",
                "setting", "patient", "provider", "lines", "authorizations");
        /**
         * The claim's fields in the order CONTRACT.md's examples and most senders write them; patient
         * and provider, newer and optional, last, so that a claim without them keeps the order.
         */
        private static final SerializedString[] ORDER = Stream.of("id", "payer", "plan", "setting", "placeOfService",
                "dateOfService", "lines", "authorizations", "patient", "provider")
                .map(SerializedString::new).toArray(SerializedString[]::new);
        /** For each name of ORDER, its index in FIELDS. */
        private static final int[] ORDER_FIELD = Stream.of(ORDER).mapToInt(n -> FIELDS.indexOf(n.getValue())).toArray();
        /** FIELDS up to this index hold text (id, payer, plan, placeOfService, dateOfService, setting, patient, provider). */
        private static final int LAST_TEXT_FIELD = 7;
        /**
         * The line fields as Jackson matches them against the input's bytes: a line's fields
         * usually come in this order, and a name that is the one expected next is recognised by
         * one comparison instead of being parsed and looked up.
         */
        private static final SerializedString[] LINE_NAMES = LINE_FIELDS.stream().map(SerializedString::new).toArray(SerializedString[]::new);
        /**
         * The same limits without Jackson's duplicate-name detection, which costs a hash set per
         * object: the fast read spots a repeated name itself (a bit per known field) and leaves
         * the record to the tree read, whose parser words the error.
         */
        private static final JsonFactory NO_DUPLICATE_CHECK = FACTORY.rebuild()
                .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();

        private Fast() {
        }

        static Claim claim(String text) {
            return claim(new RecordSource.Raw(text, null, 1));
        }

        static Claim claim(RecordSource.Raw raw) {
            try (JsonParser p = raw.parser(NO_DUPLICATE_CHECK)) {
                return claim(p, null, -1);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** Line k of the batch, read through the batch's parser; null (and the parser dropped) when not read. */
        static Claim claim(Lines lines, int k) {
            Claim c = null;
            try {
                c = claim(lines.parserFor(k), lines, k);
            } catch (IOException | RuntimeException e) {
                // the tree read reads the line alone and says what is wrong
            }
            if (c == null) lines.close();
            return c;
        }

        /** The claim read from p (alone: nothing may follow; of lines: only spaces to the line's end), or null. */
        private static Claim claim(JsonParser p, Lines batch, int line) {
            try {
                if (p.nextToken() != JsonToken.START_OBJECT) return null;
                String id = null, payer = null, plan = null, pos = null, patient = null, provider = null;
                LocalDate date = null;
                Setting setting = null;
                List<ClaimLine> lines = null;
                List<PriorAuthorization> auths = List.of();
                String name;
                int seen = 0;
                int expect = 0;
                while (true) {
                    int known;
                    // the usual order first (see LINE_NAMES); any other name is parsed as usual
                    if (nextIs(p, ORDER, expect)) {
                        name = ORDER[expect].getValue();
                        known = ORDER_FIELD[expect];
                        expect++;
                    } else {
                        JsonToken k = p.currentToken();
                        if (k != JsonToken.FIELD_NAME) break;
                        name = p.currentName();
                        known = FIELDS.indexOf(name);
                        expect = ORDER.length;
                    }
                    if (known < 0) return null; // the tree read knows every field, and words an unknown one
                    JsonToken t = p.nextToken();
                    if ((seen & (1 << known)) != 0) return null;
                    seen |= 1 << known;
                    if (t == JsonToken.VALUE_NULL) return null; // a null reads as absent: Validation decides
                    // the text fields' value read at one place: each call of text() is a copy of
                    // it in the compiled code, and this method was the largest compilation of a run
                    // ids (the claim's, the patient's, the provider's) are seen once: made at once, not pooled
                    String value = known <= LAST_TEXT_FIELD
                            ? (known == 0 || known == 6 || known == 7 ? unique(p, t) : text(p, t)) : null;
                    switch (known) {
                        case 0 -> id = value;
                        case 1 -> payer = value;
                        case 2 -> plan = value;
                        case 3 -> pos = value;
                        case 4 -> date = date(value);
                        case 5 -> setting = setting(value);
                        case 6 -> patient = value;
                        case 7 -> provider = value;
                        case 8 -> lines = lines(p, t);
                        case 9 -> auths = authorizations(p, t);
                        default -> throw new IllegalStateException(name);
                    }
                }
                // one object and nothing after it (FAIL_ON_TRAILING_TOKENS on the tree path)
                if (p.currentToken() != JsonToken.END_OBJECT) return null;
                if (batch == null ? p.nextToken() != null : !batch.onlySpaceAfter(p, line)) return null;
                if (payer == null || payer.isBlank() || date == null || lines == null || lines.isEmpty()) return null;
                if (setting == null && (setting = Setting.fromPlaceOfService(pos)) == null) return null;
                // the constructor checks what is left (a repeated line number) and throws: the tree read words it
                return new Claim(id, payer, plan, setting, pos, date, lines, auths, List.of(), patient, provider);
            } catch (Invalid | IOException | RuntimeException e) {
                return null;
            }
        }

        /** Thrown where the fast read gives up; caught once in {@link #claim}. */
        private static final class Invalid extends Exception {
            static final Invalid INSTANCE = new Invalid();

            private Invalid() {
                super(null, null, false, false); // no stack trace: it is control flow
            }
        }

        /**
         * Moves to the next token; true when it is the name expected next, names[expect]. Past the
         * last name nothing is expected and the token is read as it comes.
         */
        private static boolean nextIs(JsonParser p, SerializedString[] names, int expect) throws IOException {
            if (expect < names.length) return p.nextFieldName(names[expect]);
            p.nextToken();
            return false;
        }

        /**
         * A text seen once (a claim's or an authorization's id): made as a String at once, not
         * looked up among the recent strings, where it would only push out a code or a payer.
         */
        private static String unique(JsonParser p, JsonToken t) throws IOException, Invalid {
            if (t != JsonToken.VALUE_STRING) throw Invalid.INSTANCE;
            return p.getText();
        }

        private static String text(JsonParser p, JsonToken t) throws IOException, Invalid {
            if (t == JsonToken.VALUE_NULL) return null;
            if (t != JsonToken.VALUE_STRING) throw Invalid.INSTANCE;
            int length = p.getTextLength();
            // a long text through getText, which also checks the string-length limit
            if (length > Strings.LONGEST) return p.getText();
            return STRINGS.get().of(p.getTextCharacters(), p.getTextOffset(), length);
        }

        /** Each reading thread's recent short strings (payers, plans, codes, modifiers, dates). */
        private static final ThreadLocal<Strings> STRINGS = ThreadLocal.withInitial(Strings::new);

        /**
         * The same few values recur on every claim (payer ids, codes, modifiers, the setting): the
         * value read is compared with the string last seen in its slot and that string reused, so
         * a claim makes a String only for text not seen lately. Direct-mapped, so it stays small.
         */
        static final class Strings {
            private static final int SLOTS = 1024;
            static final int LONGEST = 32;
            private final String[] slots = new String[SLOTS];
            /** The characters of each slot's string, compared in one (vectorized) call. */
            private final char[][] keys = new char[SLOTS][];

            String of(char[] chars, int offset, int length) {
                int h = length;
                for (int i = 0; i < length; i++) h = 31 * h + chars[offset + i];
                int slot = (h ^ (h >>> 15)) & (SLOTS - 1);
                char[] key = keys[slot];
                if (key != null && key.length == length && same(key, chars, offset)) return slots[slot];
                String s = new String(chars, offset, length);
                keys[slot] = java.util.Arrays.copyOfRange(chars, offset, offset + length);
                slots[slot] = s;
                return s;
            }

            /** key equals chars[offset, offset + key.length): a plain loop, for texts of a few characters. */
            private static boolean same(char[] key, char[] chars, int offset) {
                for (int i = 0; i < key.length; i++) {
                    if (key[i] != chars[offset + i]) return false;
                }
                return true;
            }
        }

        private static String nonBlank(JsonParser p, JsonToken t) throws IOException, Invalid {
            String s = text(p, t);
            if (s == null || s.isBlank()) throw Invalid.INSTANCE;
            return s;
        }

        private static LocalDate date(String s) throws Invalid {
            if (s == null) return null;
            LocalDate date = IsoDates.date(s);
            if (date == null) throw Invalid.INSTANCE;
            return date;
        }

        private static Setting setting(String s) throws Invalid {
            if (s == null) return null;
            return switch (s) {
                case "facility" -> Setting.FACILITY;
                case "professional" -> Setting.PROFESSIONAL;
                default -> throw Invalid.INSTANCE;
            };
        }

        /** A whole number within int range of at least min. */
        private static int integer(JsonParser p, JsonToken t, int min) throws IOException, Invalid {
            if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != NumberType.INT) throw Invalid.INSTANCE;
            int v = p.getIntValue();
            if (v < min) throw Invalid.INSTANCE;
            return v;
        }

        private static List<ClaimLine> lines(JsonParser p, JsonToken t) throws IOException, Invalid {
            if (t == JsonToken.VALUE_NULL) return null;
            if (t != JsonToken.START_ARRAY) throw Invalid.INSTANCE;
            ClaimLine[] lines = new ClaimLine[16];
            int count = 0;
            JsonToken e;
            while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                if (e != JsonToken.START_OBJECT) throw Invalid.INSTANCE;
                int number = count + 1;
                int units = 1;
                String code = null, ndc = null, because = null;
                List<String> modifiers = List.of();
                int seen = 0;
                int expect = 0;
                while (true) {
                    int known;
                    if (nextIs(p, LINE_NAMES, expect)) {
                        known = expect;
                    } else {
                        JsonToken k = p.currentToken();
                        if (k == JsonToken.END_OBJECT) break;
                        if (k != JsonToken.FIELD_NAME) throw Invalid.INSTANCE;
                        known = LINE_FIELDS.indexOf(p.currentName());
                    }
                    JsonToken v = p.nextToken();
                    if (known < 0 || (seen & (1 << known)) != 0 || v == JsonToken.VALUE_NULL) throw Invalid.INSTANCE;
                    seen |= 1 << known;
                    expect = known + 1;
                    switch (known) {
                        case 0 -> number = integer(p, v, 1);
                        case 1 -> code = nonBlank(p, v);
                        case 2 -> units = integer(p, v, 1);
                        case 3 -> modifiers = modifiers(p, v);
                        case 4 -> ndc = text(p, v);
                        case 5 -> because = text(p, v);
                        default -> throw new IllegalStateException(LINE_FIELDS.get(known));
                    }
                }
                if (code == null) throw Invalid.INSTANCE;
                if (count == lines.length) lines = java.util.Arrays.copyOf(lines, 2 * count);
                lines[count++] = new ClaimLine(number, code, units, modifiers, ndc, because);
                // over a limit: the tree read words the error
                if (count > MAX_LINES) throw Invalid.INSTANCE;
            }
            // an immutable list already: Claim's List.copyOf keeps it as it is
            return List.of(count == lines.length ? lines : java.util.Arrays.copyOf(lines, count));
        }

        private static List<String> modifiers(JsonParser p, JsonToken t) throws IOException, Invalid {
            if (t != JsonToken.START_ARRAY) throw Invalid.INSTANCE;
            String[] out = new String[MAX_MODIFIERS];
            int count = 0;
            JsonToken e;
            while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                if (count == MAX_MODIFIERS) throw Invalid.INSTANCE;
                out[count++] = nonBlank(p, e);
            }
            // immutable lists already, so ClaimLine's List.copyOf keeps them
            return switch (count) {
                case 0 -> List.of();
                case 1 -> List.of(out[0]);
                case 2 -> List.of(out[0], out[1]);
                default -> List.of(java.util.Arrays.copyOf(out, count));
            };
        }

        private static List<PriorAuthorization> authorizations(JsonParser p, JsonToken t) throws IOException, Invalid {
            if (t == JsonToken.VALUE_NULL) return List.of();
            if (t != JsonToken.START_ARRAY) throw Invalid.INSTANCE;
            List<PriorAuthorization> out = new ArrayList<>(2);
            JsonToken e;
            while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                if (e != JsonToken.START_OBJECT) throw Invalid.INSTANCE;
                String id = null;
                Map<String, Integer> byCode = null;
                String name;
                while ((name = p.nextFieldName()) != null) {
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.VALUE_NULL) throw Invalid.INSTANCE;
                    switch (name) {
                        case "id" -> {
                            if (id != null) throw Invalid.INSTANCE;
                            id = unique(p, v);
                        }
                        case "units" -> {
                            if (v != JsonToken.START_OBJECT || byCode != null) throw Invalid.INSTANCE;
                            byCode = new LinkedHashMap<>();
                            String code;
                            while ((code = p.nextFieldName()) != null) {
                                if (byCode.put(code, integer(p, p.nextToken(), 0)) != null) throw Invalid.INSTANCE;
                            }
                        }
                        default -> throw Invalid.INSTANCE;
                    }
                }
                if (byCode == null) throw Invalid.INSTANCE;
                out.add(new PriorAuthorization(id, byCode));
            }
            return out;
        }
    }
}
