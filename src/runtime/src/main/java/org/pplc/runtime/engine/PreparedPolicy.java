package org.pplc.runtime.engine;


import org.pplc.runtime.model.AuditThreshold;
import org.pplc.runtime.model.Authorization;
import org.pplc.runtime.model.Code;
import org.pplc.runtime.model.Drug;
import org.pplc.runtime.model.Family;
import org.pplc.runtime.model.InitialCodeRule;
import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.ModifierRule;
import org.pplc.runtime.model.Mue;
import org.pplc.runtime.model.MueSetting;
import org.pplc.runtime.model.Provenance;
import org.pplc.runtime.model.Role;
import org.pplc.runtime.model.RuleKind;
import org.pplc.runtime.model.RuleText;
import org.pplc.runtime.model.Setting;
import org.pplc.runtime.model.SourceRef;
import org.pplc.runtime.policy.CodeRules;
import org.pplc.runtime.policy.Policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A policy arranged for the engine once, when the Adjudicator is built: for each code everything
 * the checks need (rules, definition, drug, family index, primaries as code numbers), so a claim
 * line costs one probe of a map every policy shares and the rest is array reads and comparisons.
 *
 * <p>With many payers a claim's cost is what it reads that is not in the processor cache. So the
 * policies of one Adjudicator share what is equal (entries, rule-text arrays, templates), a code's
 * entry is found in a table common to all policies unless the policy changes it (a bit set of the
 * codes it changes and a short array of its own entries), and the facts the checks test on every
 * line (MUE caps, whether an authorization is required, audit thresholds) are copied into the entry,
 * so the rule objects behind them are read only when a rule fires or an explanation was asked for.
 */
final class PreparedPolicy {
    private static final int[] NO_PRIMARIES = new int[0];
    /** Stands for "no text" when counting which text most policies have. */
    private static final RuleText NO_TEXT = new RuleText("", null, null, List.of(), null, null, null, null, null);

    /** Everything the engine knows about one code (an administration code, a drug, or both). */
    static final class Entry {
        final String code;
        final CodeRules rules;
        final Code definition;
        final Drug drug;
        /** Index of the code's family, or -1. */
        final int family;
        /** Index of the drug's category (its family after payer reclassification), or -1. */
        final int drugFamily;
        /** An initial IV service ({@link Code#initialIvService}): one a visit, the single-initial-code check. */
        final boolean initialIv;
        final boolean sequential;
        final boolean addOn;
        // The facts of the rules every line tests, copied out of rules so that a line none of
        // them fires on reads only the entry; the rule objects are read when one fires.
        final boolean professionalMue, facilityMue;
        final int professionalCap, facilityCap;
        final boolean professionalPerDay, facilityPerDay;
        /** The MUE names the quarter of the CMS table it comes from (checked for staleness). */
        final boolean professionalQuarter, facilityQuarter;
        final Authorization authorization;
        final boolean authorizationRequired;
        /** The authorization's provenance, and its position once a finding named it (read by every finding on it). */
        final Provenance authorizationSource;
        /** The authorization provenance's layer and citation, so a finding on it does not read the Provenance. */
        final String authorizationLayer, authorizationCitation;
        private String authorizationPosition;
        final boolean audit;
        final int auditUnits;
        final boolean allowedModifiers;
        /** The code's number in the Adjudicator's numbering (see {@link PreparedPolicy#number}). */
        int number = -1;
        /** The add-on's primaries, as code numbers: presence on a claim is a comparison of ints. */
        int[] primaries = NO_PRIMARIES;

        Entry(String code, CodeRules rules, Drug drug, int family, int drugFamily) {
            this.code = code;
            this.rules = rules;
            this.definition = rules == null ? null : rules.definition();
            this.drug = drug;
            this.family = family;
            this.drugFamily = drugFamily;
            this.initialIv = definition != null && definition.initialIvService();
            this.sequential = definition != null && definition.role() == Role.SEQUENTIAL;
            this.addOn = definition != null && definition.addOn();
            Mue professional = rules == null ? null : rules.practitionerMue();
            Mue facility = rules == null ? null : rules.outpatientMue();
            this.professionalMue = professional != null;
            this.facilityMue = facility != null;
            this.professionalCap = professional == null ? 0 : professional.cap();
            this.facilityCap = facility == null ? 0 : facility.cap();
            this.professionalPerDay = professional != null && professional.indicator().perDateOfService();
            this.facilityPerDay = facility != null && facility.indicator().perDateOfService();
            this.professionalQuarter = professional != null && professional.tableQuarter() != null;
            this.facilityQuarter = facility != null && facility.tableQuarter() != null;
            Authorization a = rules == null ? null : rules.authorization();
            this.authorization = a;
            this.authorizationRequired = a != null && a.required();
            this.authorizationSource = a == null ? null : a.provenance();
            this.authorizationLayer = authorizationSource == null ? null : authorizationSource.layer();
            this.authorizationCitation = authorizationSource == null ? null : authorizationSource.citation();
            AuditThreshold t = rules == null ? null : rules.audit();
            this.audit = t != null;
            this.auditUnits = t == null ? 0 : t.units();
            this.allowedModifiers = rules != null && rules.allowedModifiers() != null;
        }

        /**
         * Whether this entry's code part (what a code is: definition, drug, families, primaries) is
         * the other's, so that the checks may read it from either; only the rule facts differ.
         */
        boolean sameCode(Entry o) {
            return o != null && o.code.equals(code) && o.definition == definition && o.drug == drug && o.family == family
                    && o.drugFamily == drugFamily && o.primaries == primaries;
        }

        /**
         * Where the authorization's text is, as {@link Words#position} gives it, kept once asked: an
         * authorization is a payer's own rule, so its position is otherwise a few reads of objects
         * of that payer (the source reference, the map's node) that are seldom in the cache. A
         * race writes the same string twice.
         */
        String authorizationPosition(Words words) {
            String s = authorizationPosition;
            if (s == null) {
                s = words.position(authorizationSource);
                authorizationPosition = s;
            }
            return s;
        }

        /** The MUE of the claim's setting, or null; read when it fires or is explained. */
        Mue mue(Setting setting) {
            if (rules == null) return null;
            return setting == Setting.FACILITY ? rules.outpatientMue() : rules.practitionerMue();
        }
    }

    // An entry's rule facts packed into one long, so a policy's own entries' facts sit together in
    // one array (see #at) and a claim reads them there, not an Entry object of its payer per line.
    static final long PRO_MUE = 1, FAC_MUE = 1 << 1, PRO_PER_DAY = 1 << 2, FAC_PER_DAY = 1 << 3,
            AUTHORIZATION = 1 << 4, AUTHORIZATION_REQUIRED = 1 << 5, AUDIT = 1 << 6, ALLOWED_MODIFIERS = 1 << 7;
    /** In the arena only: the own entry's code part is not the common entry's (read the own entry). */
    static final long OWN_CODE = 1 << 8;
    /** In the arena only: the policy says nothing about the code, though most policies do. */
    static final long NONE = 1 << 9;
    /** The MUE of the setting names its CMS table's quarter ({@link Mue#tableQuarter}). */
    static final long PRO_QUARTER = 1 << 10, FAC_QUARTER = 1 << 11;
    static final int PRO_CAP_SHIFT = 16, FAC_CAP_SHIFT = 32, AUDIT_UNITS_SHIFT = 48;
    /** A packed number (16 bits) with this value did not fit: read it from the entry. */
    static final int UNPACKED = 0xFFFF;

    /** The entry's rule facts packed into one long ({@link #PRO_MUE} and on); 0 for no entry. */
    static long pack(Entry e) {
        if (e == null) return 0;
        long f = (e.professionalMue ? PRO_MUE : 0) | (e.facilityMue ? FAC_MUE : 0)
                | (e.professionalPerDay ? PRO_PER_DAY : 0) | (e.facilityPerDay ? FAC_PER_DAY : 0)
                | (e.authorization != null ? AUTHORIZATION : 0) | (e.authorizationRequired ? AUTHORIZATION_REQUIRED : 0)
                | (e.audit ? AUDIT : 0) | (e.allowedModifiers ? ALLOWED_MODIFIERS : 0)
                | (e.professionalQuarter ? PRO_QUARTER : 0) | (e.facilityQuarter ? FAC_QUARTER : 0);
        return f | (long) sixteen(e.professionalCap) << PRO_CAP_SHIFT | (long) sixteen(e.facilityCap) << FAC_CAP_SHIFT
                | (long) sixteen(e.auditUnits) << AUDIT_UNITS_SHIFT;
    }

    private static int sixteen(int v) {
        return v >= 0 && v < UNPACKED ? v : UNPACKED;
    }

    /** The policy's id, kept here so a result does not read the Policy. */
    final String id;
    /** The effective dates as day numbers, for choosing the policy without touching the Policy. */
    final long fromDay, throughDay;
    /**
     * The next candidate, oldest first, when this one is not in force on the claim's day: the
     * plan's next own policy, then the payer's. Set by {@link #link} (the arena header too).
     */
    PreparedPolicy next;
    /** What all policies of the Adjudicator share: the code numbers, the common entries and texts. */
    private Tables tables;
    /**
     * Where this policy's hot data starts in the shared {@link Tables#arena}: a header (dates, the
     * next candidate's offset, the text masks), the bit set (bit n set: the policy's entry for code
     * n is not the common one but in {@link #own}), then, for each own entry by rank, its packed
     * facts ({@link #pack}, plus {@link #OWN_CODE} when its code part is not the common entry's).
     * The routing table keeps this offset next to the payer's key, so with claims spread over many
     * payers choosing the policy and reading a line's facts is the route slot and then adjacent
     * cache lines of the arena, not the slot, this object and then an array it points to.
     */
    int at = -1;
    /** This policy's entries for the codes of the bit set, by ascending number; read when a rule fires. */
    private Entry[] own;
    /**
     * Where this policy's grants start in {@link Tables#grants} (-1: it has none): for each own
     * entry of rank below 64 whose authorization has a provenance (bit r of the header's
     * {@link #GRANTED} long), in rank order, what a finding on the authorization names: {position,
     * layer, citation}, the position filled once a finding named it. The routing slot holds this
     * offset too, so a claim fetches its policy's grants along with its arena lines, and a finding
     * on a plan's authorization does not then read the own-entry array and the entry (two
     * dependent cache misses with claims spread over many payers).
     */
    int grantsAt = -1;
    /** Bit k set: the policy has a text for RuleKind k (copied into the arena header, which the checks read). */
    private final long textKinds;
    private final RuleText[] texts;
    /** How the policy words its findings; shared by every policy that words them alike. */
    final Words words;
    /**
     * Per {@link Setting} ordinal: the last day on which every quartered MUE of the setting is
     * current (the earliest last day of their tables' quarters; Long.MAX_VALUE when none names a
     * quarter). A claim up to that day skips the staleness check, so current claims pay nothing for it.
     */
    final long[] mueCurrentThrough;
    /** The policy's entries by code, until {@link #number} has put them into the tables. */
    private Map<String, Entry> entries;

    /** The tables every policy of one Adjudicator reads (so they stay in the processor cache). */
    static final class Tables {
        /** Code -> number, the codes sorted so that codes billed together sit together. */
        final Map<String, Integer> numbers;
        /** By code number: the entry most of the policies have (null when most say nothing). */
        final Entry[] common;
        /** By code number: the common entry's rule facts packed ({@link PreparedPolicy#pack}). */
        final long[] facts;
        /** By RuleKind: the text most of the policies have. */
        final RuleText[] texts;
        /** The number of words of each policy's bit set. */
        final int bitWords;
        /** Every policy's hot data, one after the other (see {@link PreparedPolicy#at}). */
        long[] arena;
        /** The policies' grants, one region per distinct list (see {@link PreparedPolicy#grantsAt}). */
        String[] grants;

        Tables(Map<String, Integer> numbers, Entry[] common, RuleText[] texts) {
            this.numbers = numbers;
            this.common = common;
            this.facts = new long[common.length];
            for (int n = 0; n < common.length; n++) facts[n] = pack(common[n]);
            this.texts = texts;
            this.bitWords = (common.length + 63) >>> 6;
        }
    }

    // The header of a policy's hot data in the arena: first and last day in force, the next
    // candidate's offset (high 32 bits of LINK, -1: none), the bits of the own entries (by rank,
    // below 64) whose authorization's finding strings are in #grants, then the TEXTS long: the
    // own-text mask (high 32 bits) and the text mask (low 32 bits), one bit per RuleKind.
    static final int FROM = 0, THROUGH = 1, LINK = 2, GRANTED = 3, TEXTS = 4, HEADER = 5;
    /** The rule kinds a TEXTS long has room for; more is refused when the class loads (see the static check). */
    static final int MAX_KINDS = 32;

    static {
        // never silently wrong: a kind past the masks would read another kind's bit
        if (RuleKind.values().length > MAX_KINDS) {
            throw new IllegalStateException(RuleKind.values().length + " rule kinds do not fit the engine's text masks ("
                    + MAX_KINDS + "): widen PreparedPolicy.TEXTS");
        }
    }

    /** The rank of the own entry for code number n in a bit set at {@code bits} of {@code a}, or -1 when the common one. */
    static int rank(long[] a, int bits, int n) {
        int w = n >>> 6;
        long word = a[bits + w];
        long bit = 1L << n; // shifts by n mod 64
        if ((word & bit) == 0) return -1;
        int rank = Long.bitCount(word & (bit - 1));
        for (int i = 0; i < w; i++) rank += Long.bitCount(a[bits + i]);
        return rank;
    }

    /** Whether the header's text mask (its TEXTS long) has a text for the kind. */
    static boolean has(long texts, RuleKind kind) {
        return (texts & 1L << kind.ordinal()) != 0;
    }

    /** Whether the header's own-text mask says the policy's text for the kind is its own, not the common one. */
    static boolean ownText(long texts, RuleKind kind) {
        return (texts & 1L << 32 + kind.ordinal()) != 0;
    }

    /** The next candidate's offset in the arena from a header's LINK long, or -1. */
    static int nextAt(long link) {
        return (int) (link >> 32);
    }

    /**
     * What findings are written from, apart from the rule texts themselves: with many payers most
     * policies word them alike, so one instance serves them all and stays in the cache.
     */
    static final class Words {
        /** The rule texts by kind, cut into templates once: {message, fix, appeal}, as a finding fills them. */
        final Template[][] texts;
        final String[] familyIds;
        final int families;
        /** The family at the top of the hierarchy (lowest rank: chemotherapy), or -1. */
        final int topFamily;
        /** Per family: its additional-hour infusion code (96415 for chemo), or null. */
        final String[] hourCodes;
        /** Per family: its sequential codes, e.g. ["96367", "96375"] for therapeutic. */
        final List<List<String>> sequentialCodes;
        final ModifierRule.SecondInitial secondInitial;
        final ModifierRule.DrugLine drugLine;
        /** "JW or JZ": the drug-line modifiers as findings word them, joined once. */
        final String drugLineModifiers;
        /** Per family index: the family's rank (lower wins the initial code), or Integer.MAX_VALUE. */
        final int[] familyRanks;
        /** Per {@link Setting} ordinal: how the initial IV line that stands is chosen (the policy's {@code initial code in}). */
        final InitialCodeRule.Order[] initialOrders;
        /**
         * "file:line:column" of each rule's text, written once per position and shared by every
         * policy of the Adjudicator (a finding names its source; most claims hit the same few rules).
         */
        private final Map<Place, String> positions;

        Words(Template[] messages, Template[] fixes, Template[] appeals, String[] familyIds, int topFamily,
              String[] hourCodes, List<List<String>> sequentialCodes, ModifierRule.SecondInitial secondInitial,
              ModifierRule.DrugLine drugLine, int[] familyRanks, InitialCodeRule.Order[] initialOrders,
              Map<Place, String> positions) {
            this.texts = new Template[messages.length][];
            for (int k = 0; k < messages.length; k++) texts[k] = new Template[] {messages[k], fixes[k], appeals[k]};
            this.familyIds = familyIds;
            this.families = familyIds.length;
            this.topFamily = topFamily;
            this.hourCodes = hourCodes;
            this.sequentialCodes = sequentialCodes;
            this.secondInitial = secondInitial;
            this.drugLine = drugLine;
            this.drugLineModifiers = drugLine == null ? null : Texts.or(drugLine.modifiers());
            this.familyRanks = familyRanks;
            this.initialOrders = initialOrders;
            this.positions = positions;
        }

        private List<Object> content() {
            List<Object> texts = new ArrayList<>(this.texts.length);
            for (Template[] t : this.texts) texts.add(Arrays.asList(t));
            return Arrays.asList(texts, Arrays.asList(familyIds), topFamily, Arrays.asList(hourCodes), sequentialCodes, secondInitial, drugLine,
                    Arrays.toString(familyRanks), Arrays.asList(initialOrders));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Words w && content().equals(w.content());
        }

        @Override
        public int hashCode() {
            return content().hashCode();
        }

        /** Where a rule's text is, as findings and explanations name it; null when unknown. */
        String position(Provenance p) {
            if (p == null || p.source() == null) return null;
            return positions.computeIfAbsent(new Place(p.source()), Place::toString);
        }
    }

    /**
     * A position as a key by identity: hashing the record would read its file name, which for a
     * payer's rule is one more object seldom in the cache. Equal positions of different instances
     * get one string each, which is the same text.
     */
    private static final class Place {
        private final SourceRef ref;

        Place(SourceRef ref) {
            this.ref = ref;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(ref);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Place p && p.ref == ref;
        }

        @Override
        public String toString() {
            return ref.toString();
        }
    }

    /**
     * What the policies of one Adjudicator share: with many payers, most of a plan's entries and
     * rule texts are the ones of the layers below it, so each is made once and every policy that has
     * it points at the same object. A claim then finds them in the processor cache whichever payer
     * it is for, instead of touching a copy per policy (at 1,000 payers that was the difference
     * between one claim after another for the same payer and claims spread over all of them).
     */
    static final class Shared {
        final Map<Place, String> positions = new ConcurrentHashMap<>();
        private final Map<String, Template> templates = new HashMap<>();
        private final Map<EntryKey, Entry> entries = new HashMap<>();
        /**
         * One String per code for all entries: a payer's entry otherwise holds the instance parsed
         * from the payer's file, which a claim line would read (its hash, its characters) cold.
         */
        private final Map<String, String> codes = new HashMap<>();

        String code(String c) {
            return codes.computeIfAbsent(c, k -> k);
        }
        /** Arrays and lists of equal content (by their elements' equals), one instance each. */
        private final Map<Object, Object> values = new HashMap<>();

        Template template(String text) {
            return text == null ? null : templates.computeIfAbsent(text, Template::of);
        }

        /** The shared entry equal to this one (same code, same rule objects), or this one. */
        Entry entry(Entry e) {
            return entries.computeIfAbsent(new EntryKey(e), k -> e);
        }

        /** Keyed by the array's type as well: an all-null RuleText[] must not come back for a Template[]. */
        @SuppressWarnings("unchecked")
        <T> T[] array(T[] a) {
            return (T[]) values.computeIfAbsent(List.of(a.getClass(), Arrays.asList(a)), k -> a);
        }

        @SuppressWarnings("unchecked")
        <T> T value(T v) {
            return (T) values.computeIfAbsent(v, k -> v);
        }

        Words words(Words w) {
            return (Words) values.computeIfAbsent(w, k -> w);
        }
    }

    /**
     * An entry's identity for sharing: its rule objects compared by identity. The primaries follow
     * from the definition (part of the rules) and the numbering, which all policies share.
     */
    private static final class EntryKey {
        private final Entry e;
        private final int hash;

        EntryKey(Entry e) {
            this.e = e;
            int h = e.code.hashCode();
            h = 31 * h + System.identityHashCode(e.rules);
            h = 31 * h + System.identityHashCode(e.drug);
            h = 31 * h + e.family;
            h = 31 * h + e.drugFamily;
            this.hash = h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof EntryKey k)) return false;
            Entry a = e, b = k.e;
            return hash == k.hash && a.rules == b.rules && a.drug == b.drug && a.family == b.family
                    && a.drugFamily == b.drugFamily && a.code.equals(b.code);
        }
    }

    /** The policies prepared together, as the Adjudicator does (sharing what is equal), by policy. */
    static Map<Policy, PreparedPolicy> prepareAll(Iterable<Policy> policies) {
        Map<Policy, PreparedPolicy> m = new IdentityHashMap<>();
        List<PreparedPolicy> prepared = new ArrayList<>();
        Shared shared = new Shared(); // policies share most rules and texts
        for (Policy p : policies) {
            if (m.containsKey(p)) continue;
            PreparedPolicy pp = new PreparedPolicy(p, shared);
            m.put(p, pp);
            prepared.add(pp);
        }
        number(prepared);
        return m;
    }

    /** A policy prepared on its own (its tables hold only its entries). */
    static PreparedPolicy alone(Policy policy) {
        PreparedPolicy p = new PreparedPolicy(policy, new Shared());
        number(List.of(p));
        return p;
    }

    PreparedPolicy(Policy policy, Shared shared) {
        this.id = policy.id();
        this.fromDay = policy.effectiveFrom().toEpochDay();
        this.throughDay = policy.effectiveThrough() == null ? Long.MAX_VALUE : policy.effectiveThrough().toEpochDay();
        RuleText[] t = new RuleText[RuleKind.values().length];
        long kinds = 0;
        for (RuleKind k : RuleKind.values()) {
            t[k.ordinal()] = policy.rule(k);
            if (t[k.ordinal()] != null) kinds |= 1L << k.ordinal();
        }
        texts = shared.array(t);
        textKinds = kinds;
        Template[] m = new Template[texts.length], f = new Template[texts.length], a = new Template[texts.length];
        for (int k = 0; k < texts.length; k++) {
            if (texts[k] == null) continue;
            m[k] = shared.template(texts[k].message());
            f[k] = shared.template(texts[k].fix());
            a[k] = shared.template(texts[k].appeal());
        }

        Map<String, Integer> familyIndex = new LinkedHashMap<>();
        for (String fam : policy.families().keySet()) familyIndex.putIfAbsent(fam, familyIndex.size());
        for (Code c : policy.codes().values()) if (c.family() != null) familyIndex.putIfAbsent(c.family(), familyIndex.size());
        for (Drug d : policy.drugs().values()) if (d.category() != null) familyIndex.putIfAbsent(d.category(), familyIndex.size());
        String[] familyIds = familyIndex.keySet().toArray(new String[0]);

        int top = -1;
        int topRank = Integer.MAX_VALUE;
        for (Family fam : policy.families().values()) {
            if (fam.rank() < topRank) {
                topRank = fam.rank();
                top = familyIndex.get(fam.id());
            }
        }

        String[] hours = new String[familyIds.length];
        List<List<String>> sequential = new ArrayList<>();
        for (int i = 0; i < familyIds.length; i++) sequential.add(new ArrayList<>());
        for (Code c : policy.codes().values()) {
            Integer fam = c.family() == null ? null : familyIndex.get(c.family());
            if (fam == null) continue;
            // the family's additional-hour code, an infusion one when there is a choice
            if (c.role() == Role.ADDITIONAL_HOUR && (hours[fam] == null || c.method() == Method.INFUSION
                    && policy.codes().get(hours[fam]).method() != Method.INFUSION)) hours[fam] = c.code();
            if (c.role() == Role.SEQUENTIAL) sequential.get(fam).add(c.code());
        }
        int[] ranks = new int[familyIds.length];
        for (int i = 0; i < familyIds.length; i++) {
            Family fam = policy.families().get(familyIds[i]);
            ranks[i] = fam == null ? Integer.MAX_VALUE : fam.rank();
        }
        InitialCodeRule.Order[] orders = new InitialCodeRule.Order[Setting.values().length];
        for (Setting st : Setting.values()) {
            InitialCodeRule rule = policy.initialCodeRules().get(st);
            // no statement: the hierarchy order, as derive reads it too
            orders[st.ordinal()] = rule == null ? InitialCodeRule.Order.HIERARCHY : rule.order();
        }
        words = shared.words(new Words(m, f, a, familyIds, top, hours, sequential,
                policy.secondInitialModifiers(), policy.drugLineModifiers(), ranks, orders, shared.positions));

        long[] current = {Long.MAX_VALUE, Long.MAX_VALUE};
        for (Mue mue : policy.mues()) {
            if (mue.tableQuarter() == null) continue;
            int s = (mue.setting() == MueSetting.OUTPATIENT ? Setting.FACILITY : Setting.PROFESSIONAL).ordinal();
            current[s] = Math.min(current[s], mue.tableQuarter().lastDay().toEpochDay());
        }
        mueCurrentThrough = current;

        // Every code the policy says anything about, and every drug.
        Set<String> codes = new LinkedHashSet<>(policy.codes().keySet());
        for (Mue mue : policy.mues()) codes.add(mue.code());
        codes.addAll(policy.authorizations().keySet());
        codes.addAll(policy.audits().keySet());
        for (ModifierRule r : policy.modifierRules()) if (r instanceof ModifierRule.Allowed al) codes.add(al.code());
        codes.addAll(policy.drugs().keySet());
        Map<String, Entry> map = new HashMap<>(codes.size() * 2);
        for (String c : codes) {
            CodeRules rules = policy.rulesFor(c);
            Drug drug = policy.drugs().get(c);
            Code def = rules == null ? null : rules.definition();
            int family = def == null || def.family() == null ? -1 : familyIndex.get(def.family());
            int drugFamily = drug == null || drug.category() == null ? -1 : familyIndex.get(drug.category());
            map.put(c, shared.entry(new Entry(shared.code(c), rules, drug, family, drugFamily)));
        }
        // A primary the policy defines nothing else about still counts when billed: give it an entry.
        for (Code c : policy.codes().values()) {
            for (String p : c.primaries()) map.computeIfAbsent(p, k -> shared.entry(new Entry(shared.code(k), null, null, -1, -1)));
        }
        entries = map;
    }

    /** The entry of a billed code, or null when the policy says nothing about it. */
    Entry entry(String code) {
        Integer boxed = tables.numbers.get(code);
        if (boxed == null) return null;
        int rank = rank(boxed);
        return rank < 0 ? tables.common[boxed] : own[rank];
    }

    /** The code's number, or -1 when no policy of the Adjudicator says anything about it. */
    int number(String code) {
        Integer boxed = tables.numbers.get(code);
        return boxed == null ? -1 : boxed;
    }

    /** The rank of the policy's own entry for code number n, or -1 when its entry is the common one. */
    int rank(int n) {
        return rank(tables.arena, at + HEADER, n);
    }

    /** The packed facts of the own entry of this rank ({@link #pack}, and {@link #OWN_CODE}). */
    long ownFacts(int rank) {
        return tables.arena[at + HEADER + tables.bitWords + rank];
    }

    /** The own entry of this rank (read when a rule fires, is explained, or its code part is its own). */
    Entry own(int rank) {
        return own[rank];
    }

    /** The common entry of code number n (or null). */
    Entry common(int n) {
        return tables.common[n];
    }

    /** The packed facts of this policy's entry for code number n (with {@link #OWN_CODE}, {@link #NONE}). */
    long facts(int n) {
        int rank = rank(n);
        return rank < 0 ? tables.facts[n] : ownFacts(rank);
    }

    /** The common entry's packed facts of code number n. */
    long commonFacts(int n) {
        return tables.facts[n];
    }

    /** Whether the policy is in force on the day, as its arena header says. */
    boolean inForceOn(long day) {
        long[] a = tables.arena;
        return day >= a[at + FROM] && day <= a[at + THROUGH];
    }

    /** The header's TEXTS long: own-text and text masks. */
    long textMasks() {
        return tables.arena[at + TEXTS];
    }

    /** The policy's text for the kind, or null (then it does not check it). */
    RuleText text(RuleKind kind) {
        return ownText(textMasks(), kind) ? texts[kind.ordinal()] : tables.texts[kind.ordinal()];
    }

    /** The policy's own text of the kind (when the header's own-text mask says it has one). */
    RuleText ownText(RuleKind kind) {
        return texts[kind.ordinal()];
    }

    /** For tests: the tables this policy reads. */
    Tables tables() {
        return tables;
    }

    /** Whether the policy has a text (so a check) for the kind. */
    boolean has(RuleKind kind) {
        return has(textMasks(), kind);
    }

    /**
     * Makes {@code next} the candidate after this one (null: none), in the object and in the arena
     * header, which the routing follows without reading this object.
     */
    void link(PreparedPolicy next) {
        if (next != null && next.tables != tables) throw new IllegalArgumentException("policies of different tables");
        this.next = next;
        long[] a = tables.arena;
        a[at + LINK] = (long) (next == null ? -1 : next.at) << 32;
    }

    /**
     * Numbers every code of the policies (sorted, so codes billed together sit together), sets each
     * entry's number and primaries, and gives each policy its tables: the common table (for each
     * code the entry most of the policies have, counting "none" too), the bit set of the codes where
     * the policy has another, and its own entries for those.
     */
    static void number(List<PreparedPolicy> policies) {
        TreeSet<String> codes = new TreeSet<>();
        for (PreparedPolicy p : policies) codes.addAll(p.entries.keySet());
        Map<String, Integer> numbers = new HashMap<>(codes.size() * 2);
        for (String c : codes) numbers.put(c, numbers.size());
        int size = numbers.size();
        Map<List<String>, int[]> primaryNumbers = new HashMap<>();
        // how many policies have each entry, by code number
        List<Map<Entry, int[]>> counts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) counts.add(new IdentityHashMap<>(4));
        for (PreparedPolicy p : policies) {
            for (Map.Entry<String, Entry> me : p.entries.entrySet()) {
                int n = numbers.get(me.getKey());
                Entry e = me.getValue();
                if (e.number < 0) {
                    e.number = n;
                    List<String> primaries = e.definition == null || !e.addOn ? List.of() : e.definition.primaries();
                    if (!primaries.isEmpty()) {
                        // one array per list of primaries, shared by every payer's entry of the code
                        e.primaries = primaryNumbers.computeIfAbsent(primaries, k -> {
                            int[] ps = new int[k.size()];
                            for (int i = 0; i < ps.length; i++) ps[i] = numbers.get(k.get(i));
                            return ps;
                        });
                    }
                }
                counts.get(n).computeIfAbsent(e, k -> new int[1])[0]++;
            }
        }
        Entry[] common = new Entry[size];
        for (int n = 0; n < size; n++) {
            int most = 0, having = 0;
            for (Map.Entry<Entry, int[]> c : counts.get(n).entrySet()) {
                having += c.getValue()[0];
                if (c.getValue()[0] > most) {
                    most = c.getValue()[0];
                    common[n] = c.getKey();
                }
            }
            if (policies.size() - having > most) common[n] = null; // most policies say nothing about it
        }
        // the text of each kind most of the policies have
        int kinds = RuleKind.values().length;
        RuleText[] commonTexts = new RuleText[kinds];
        for (int k = 0; k < kinds; k++) {
            Map<RuleText, int[]> textCounts = new IdentityHashMap<>();
            int most = 0;
            for (PreparedPolicy p : policies) {
                RuleText t = p.texts[k];
                int c = ++textCounts.computeIfAbsent(t == null ? NO_TEXT : t, x -> new int[1])[0];
                if (c > most) {
                    most = c;
                    commonTexts[k] = t;
                }
            }
        }
        Tables tables = new Tables(numbers, common, commonTexts);
        long[] ownTexts = new long[policies.size()];
        for (int i = 0; i < policies.size(); i++) {
            PreparedPolicy p = policies.get(i);
            for (int k = 0; k < kinds; k++) if (p.texts[k] != commonTexts[k]) ownTexts[i] |= 1L << k;
        }
        Map<List<Object>, Object[]> sameTables = new HashMap<>();
        Entry[] mine = new Entry[size];
        List<long[]> hots = new ArrayList<>(policies.size());
        long[] granted = new long[policies.size()];
        List<List<String>> grantLists = new ArrayList<>(policies.size());
        long length = 0;
        for (int i = 0; i < policies.size(); i++) {
            PreparedPolicy p = policies.get(i);
            for (Map.Entry<String, Entry> me : p.entries.entrySet()) mine[numbers.get(me.getKey())] = me.getValue();
            long[] bits = new long[tables.bitWords];
            List<Entry> own = new ArrayList<>();
            for (int n = 0; n < size; n++) {
                if (mine[n] != common[n]) {
                    bits[n >>> 6] |= 1L << n;
                    own.add(mine[n]);
                }
                mine[n] = null;
            }
            // a plan that changes nothing of its payer's policy shares its own entries (its hot data
            // is copied into the arena all the same, after its own header)
            Object[] both = tables(sameTables, bits, own.toArray(new Entry[0]), common);
            p.tables = tables;
            p.own = (Entry[]) both[1];
            granted[i] = (Long) both[3];
            @SuppressWarnings("unchecked") List<String> g = (List<String>) both[2];
            grantLists.add(g);
            p.entries = null; // the tables replace the map
            hots.add((long[]) both[0]);
            length += HEADER + ((long[]) both[0]).length;
        }
        if (length > Integer.MAX_VALUE - 8) throw new IllegalStateException("too many policies and entries for one arena");
        long[] arena = new long[(int) length];
        int at = 0;
        for (int i = 0; i < policies.size(); i++) {
            PreparedPolicy p = policies.get(i);
            long[] hot = hots.get(i);
            p.at = at;
            arena[at + FROM] = p.fromDay;
            arena[at + THROUGH] = p.throughDay;
            arena[at + LINK] = -1L << 32;
            arena[at + TEXTS] = ownTexts[i] << 32 | p.textKinds;
            arena[at + GRANTED] = granted[i];
            System.arraycopy(hot, 0, arena, at + HEADER, hot.length);
            at += HEADER + hot.length;
        }
        tables.arena = arena;
        // one region of the grants per distinct list (a plan that changes nothing shares its payer's)
        Map<List<String>, Integer> regions = new IdentityHashMap<>();
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < policies.size(); i++) {
            List<String> g = grantLists.get(i);
            if (g.isEmpty()) continue;
            policies.get(i).grantsAt = regions.computeIfAbsent(g, k -> {
                strings.addAll(k);
                return strings.size() - k.size();
            });
        }
        tables.grants = strings.toArray(new String[0]);
    }

    /**
     * The hot data (bit set, then the own entries' facts), own entries, authorizations' finding
     * strings and their bits by rank of an earlier policy when equal to these (entries by
     * identity), else new ones.
     */
    private static Object[] tables(Map<List<Object>, Object[]> seen, long[] bits, Entry[] own, Entry[] common) {
        return seen.computeIfAbsent(List.of(java.nio.LongBuffer.wrap(bits), Arrays.asList(own)), k -> {
            long[] hot = Arrays.copyOf(bits, bits.length + own.length);
            List<String> grants = new ArrayList<>(); // {position, layer, citation} per authorization
            long granted = 0;
            for (int r = 0; r < own.length; r++) {
                Entry e = own[r];
                hot[bits.length + r] = e == null ? NONE : pack(e) | (e.sameCode(common[e.number]) ? 0 : OWN_CODE);
                if (r < 64 && e != null && e.authorizationSource != null) {
                    granted |= 1L << r;
                    grants.add(null); // the position, once a finding names it
                    grants.add(e.authorizationLayer);
                    grants.add(e.authorizationCitation);
                }
            }
            return new Object[]{hot, own, grants, granted};
        });
    }

    /**
     * The index from {@link #grantsAt} (of its three strings) of the own entry of this rank, given
     * the header's {@link #GRANTED} long, or -1 when the entry's authorization is not there.
     */
    static int grant(long granted, int rank) {
        if (rank >= 64 || (granted & 1L << rank) == 0) return -1;
        return 3 * Long.bitCount(granted & (1L << rank) - 1);
    }

    /**
     * The position of the authorization at index g from {@link #grantsAt} (the own entry of this
     * rank), as {@link Entry#authorizationPosition} gives it, kept in the grants once asked.
     */
    String grantPosition(int g, int rank) {
        String[] s = tables.grants;
        String position = s[grantsAt + g];
        if (position == null) {
            position = own[rank].authorizationPosition(words);
            s[grantsAt + g] = position; // a race writes the same string twice
        }
        return position;
    }
}
