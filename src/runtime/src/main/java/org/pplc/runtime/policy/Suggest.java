package org.pplc.runtime.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** "Did you mean" by edit distance, shared by the compiler's diagnostics and the engine's errors. */
public final class Suggest {
    private Suggest() {
    }

    /**
     * Up to two candidates closest to the word, in sorted order. Ties are broken by numeric
     * closeness for codes (96418 suggests 96417 and 96416 before 96411), then by the candidates' order.
     */
    public static List<String> closest(String word, Collection<String> candidates) {
        if (word == null || word.isEmpty()) return List.of();
        String w = word.toLowerCase(java.util.Locale.ROOT);
        int limit = Math.max(1, Math.min(3, (word.length() + 1) / 3));
        record Hit(String text, int distance, long numeric, int order) {
        }
        List<Hit> hits = new ArrayList<>();
        int order = 0;
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(java.util.Locale.ROOT));
            order++;
            if (d == 0 || d > limit) continue;
            hits.add(new Hit(c, d, numericGap(word, c), order));
        }
        hits.sort(java.util.Comparator.comparingInt(Hit::distance).thenComparingLong(Hit::numeric)
                .thenComparingInt(Hit::order));
        List<String> best = new ArrayList<>();
        for (int i = 0; i < Math.min(2, hits.size()); i++) best.add(hits.get(i).text());
        best.sort(null);
        return List.copyOf(best);
    }

    private static long numericGap(String a, String b) {
        if (a.length() > 9 || b.length() > 9 || !a.chars().allMatch(Character::isDigit)
                || !b.chars().allMatch(Character::isDigit)) return 0;
        return Math.abs(Long.parseLong(a) - Long.parseLong(b));
    }

    /**
     * The codes one keying slip away from a well-formed code: two neighbouring characters
     * swapped, or only the last character different (a code's siblings in its CPT run). Sorted;
     * at most two, the numerically nearest. Nothing else is offered, so a real code that a
     * hierarchy lacks is not answered with a guess.
     */
    public static List<String> codeSlips(String code, Collection<String> candidates) {
        record Hit(String text, long gap) {
        }
        List<Hit> hits = new ArrayList<>();
        for (String c : candidates) {
            if (c.length() != code.length() || c.equals(code)) continue;
            if (swapped(code, c) || code.regionMatches(0, c, 0, code.length() - 1)) hits.add(new Hit(c, numericGap(code, c)));
        }
        hits.sort(java.util.Comparator.comparingLong(Hit::gap));
        List<String> best = new ArrayList<>();
        for (int i = 0; i < Math.min(2, hits.size()); i++) best.add(hits.get(i).text());
        best.sort(null);
        return List.copyOf(best);
    }

    private static boolean swapped(String a, String b) {
        int first = -1;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) == b.charAt(i)) continue;
            if (first >= 0) return i == first + 1 && a.charAt(first) == b.charAt(i) && a.charAt(i) == b.charAt(first)
                    && a.regionMatches(i + 1, b, i + 1, a.length() - i - 1);
            first = i;
        }
        return false;
    }

    /** " (did you mean a or b?)", or "" when nothing is close. */
    public static String didYouMean(String word, Collection<String> candidates) {
        List<String> hits = closest(word, candidates);
        if (hits.isEmpty()) return "";
        StringBuilder b = new StringBuilder(" (did you mean ");
        for (int i = 0; i < hits.size(); i++) {
            if (i > 0) b.append(i == hits.size() - 1 ? " or " : ", ");
            b.append(hits.get(i));
        }
        return b.append("?)").toString();
    }

    /** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters counts once. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
