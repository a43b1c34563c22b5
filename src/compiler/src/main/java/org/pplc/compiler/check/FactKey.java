package org.pplc.compiler.check;

/**
 * The key layering compares facts under: a kind and up to two names ("mue" J9312 outpatient). Its
 * text, the key as diagnostics print it ("mue J9312 outpatient"), is built only when printed:
 * building and hashing that string for every statement and every lookup was a fifth of checking.
 * The hash is computed once, as every key is looked up in several layers.
 */
public final class FactKey {
    /** The kinds of key, each with the words its text starts with. */
    public enum Kind {
        FAMILY("family "), CODE("code "), DRUG("drug "), MUE("mue "), AUTHORIZATION("prior authorization "),
        AUDIT("audit "), DRUG_LINE_MODIFIERS("modifiers required on single-dose drug lines"),
        SECOND_INITIAL_MODIFIERS("modifiers allowing a second initial code"), ALLOWED_MODIFIERS("modifiers allowed on "),
        RULE("rule "), TIMING("timing "), INITIAL_CODE("initial code in ");

        private final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    private final Kind kind;
    private final String name;
    private final String detail;
    private final int hash;

    private FactKey(Kind kind, String name, String detail) {
        this.kind = kind;
        this.name = name;
        this.detail = detail;
        int h = kind.ordinal();
        h = 31 * h + (name == null ? 0 : name.hashCode());
        h = 31 * h + (detail == null ? 0 : detail.hashCode());
        this.hash = h;
    }

    /** A key of a kind that stands alone (the drug-line and second-initial modifier rules). */
    public static FactKey of(Kind kind) {
        return new FactKey(kind, null, null);
    }

    public static FactKey of(Kind kind, String name) {
        return new FactKey(kind, name, null);
    }

    /** A key with two names, printed with a space between: an MUE's code and setting. */
    public static FactKey of(Kind kind, String name, String detail) {
        return new FactKey(kind, name, detail);
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The name after the kind's words: the code, family, rule id or time phrase; null for a kind
     * alone. The checker keeps one instance of each code across a check, which lowering relies on
     * to share codes among the rule objects.
     */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof FactKey k)) return false;
        return hash == k.hash && kind == k.kind && java.util.Objects.equals(name, k.name)
                && java.util.Objects.equals(detail, k.detail);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The key as diagnostics print it: "code 96413", "mue 96417 outpatient", "rule mue-exceeded". */
    @Override
    public String toString() {
        if (name == null) return kind.words;
        return detail == null ? kind.words + name : kind.words + name + " " + detail;
    }
}
