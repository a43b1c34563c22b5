package org.pplc.runtime.engine;

/**
 * The Adjudicator's routing table: (payer, plan) -> the first candidate policy, the rest chained
 * by {@link PreparedPolicy#next}. One open-addressing table instead of a map of maps, so choosing
 * a claim's policy reads two slots of two arrays and the policy's arena header, not a chain of map
 * nodes, keys and lists; with claims spread over 1,000 payers each of those reads is a likely
 * cache miss. Payer ids of up to 8 characters (all of them below U+0100, none U+0000) are compared
 * as one long packed from their characters, so the payer's own String is not read; longer ids are
 * compared as strings. Plan ids are kept as one instance per distinct id, read by every payer.
 * Next to each packed id are the first candidate's offsets in the arena ({@link PreparedPolicy#at})
 * and in the grants ({@link PreparedPolicy#grantsAt}): a claim reads its policy's dates and facts
 * right after the slot, while the policy object (its id, wording, own entries) and its grants are
 * fetched at the same time, not before.
 */
final class Routes {
    private final int mask;
    /**
     * Per slot: the payer id packed by {@link #pack} (0 when it does not pack), then the first
     * candidate's arena offset (low 32 bits, -1: none) and {@link PreparedPolicy#grantsAt} (high 32).
     */
    private final long[] keys;
    /** Per slot: the plan id ("" for the payer itself; null: empty slot) and the first candidate. */
    private final Object[] slots;
    /** The payer ids, read only for ids that do not pack. */
    private final String[] payers;
    private int size;

    Routes(int routes) {
        int capacity = Integer.highestOneBit(Math.max(4, routes * 2 - 1)) << 1;
        mask = capacity - 1;
        keys = new long[capacity * 2];
        slots = new Object[capacity * 2];
        payers = new String[capacity];
    }

    /** A payer id of 1-8 characters below U+0100 and not U+0000 as a long (distinct ids, distinct longs), else 0. */
    static long pack(String s) {
        int n = s.length();
        if (n == 0 || n > 8) return 0;
        long k = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == 0 || c > 0xFF) return 0;
            k = k << 8 | c;
        }
        return k;
    }

    private static int hash(String payer, String plan) {
        int h = payer.hashCode() * 31 + plan.hashCode();
        return h ^ (h >>> 16);
    }

    /** Adds or replaces the route; plan is "" for the payer itself and an interned instance. */
    void put(String payer, String plan, PreparedPolicy first) {
        long key = pack(payer);
        for (int s = hash(payer, plan) & mask; ; s = (s + 1) & mask) {
            Object p = slots[2 * s];
            if (p == null) {
                if (size + 1 > (mask + 1) / 2) throw new IllegalStateException("routing table sized too small");
                keys[2 * s] = key;
                payers[s] = payer;
                slots[2 * s] = plan;
                size++;
            } else if (!(keys[2 * s] == key && payers[s].equals(payer) && p.equals(plan))) {
                continue;
            }
            slots[2 * s + 1] = first;
            keys[2 * s + 1] = first == null ? -1 : (long) first.grantsAt << 32 | first.at & 0xFFFFFFFFL;
            return;
        }
    }

    /** The slot of the payer and plan ("" for none), or -1 when there is no route. */
    int slot(String payer, String plan) {
        long key = pack(payer);
        Object[] t = slots;
        long[] k = keys;
        for (int s = hash(payer, plan) & mask; ; s = (s + 1) & mask) {
            Object p = t[2 * s];
            if (p == null) return -1;
            if (k[2 * s] == key && (key != 0 || payers[s].equals(payer)) && p.equals(plan)) return s;
        }
    }

    /** The first candidate of a slot {@link #slot} found (or null). */
    PreparedPolicy first(int slot) {
        return (PreparedPolicy) slots[2 * slot + 1];
    }

    /** The first candidate's arena offset of a slot {@link #slot} found (-1: none). */
    int at(int slot) {
        return (int) keys[2 * slot + 1];
    }

    /** The first candidate's {@link PreparedPolicy#grantsAt} of a slot {@link #slot} found (-1: none). */
    int grantsAt(int slot) {
        return (int) (keys[2 * slot + 1] >> 32);
    }

    /** The first candidate for the payer and plan ("" for none), or null when there is no route. */
    PreparedPolicy get(String payer, String plan) {
        int s = slot(payer, plan);
        return s < 0 ? null : first(s);
    }
}
