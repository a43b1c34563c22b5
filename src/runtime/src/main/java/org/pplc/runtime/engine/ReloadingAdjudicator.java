package org.pplc.runtime.engine;

import org.pplc.runtime.bundle.Bundle;
import org.pplc.runtime.bundle.BundleException;
import org.pplc.runtime.bundle.Bundles;
import org.pplc.runtime.claim.Claim;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * An adjudicator whose policies can be replaced while it serves: a product reloads a new bundle
 * without a restart. A reload reads and checks the whole bundle and builds its {@link Adjudicator}
 * before one atomic swap, so a request sees the old bundle or the new one, never half of one;
 * a damaged bundle, or one of a format this runtime does not know, leaves the old one in force
 * and says why. Each answer carries the identity of the bundle that decided it.
 * Thread-safe: evaluate from any number of threads while another reloads.
 *
 * <pre>{@code
 * ReloadingAdjudicator engine = ReloadingAdjudicator.load(Path.of("policies.bundle.json"));
 * ReloadingAdjudicator.Decided d = engine.evaluate(claim);   // d.result(), d.bundle().sha256()
 * ReloadingAdjudicator.Reload r = engine.reload(Path.of("policies.bundle.json"));
 * if (r instanceof ReloadingAdjudicator.Reload.Kept kept) log.warn(kept.reason());
 * }</pre>
 */
public final class ReloadingAdjudicator {
    /** What answers now: an adjudicator and the bundle it was built from, swapped as one. */
    private record Current(Adjudicator adjudicator, Bundle.Identity bundle) {
    }

    private final AtomicReference<Current> current;

    /** Serves the given bundle until a reload replaces it. */
    public ReloadingAdjudicator(Bundle bundle) {
        current = new AtomicReference<>(prepare(Objects.requireNonNull(bundle, "bundle")));
    }

    /**
     * Serves the bundle file; a damaged first bundle fails fast, as {@link Bundles#read(Path)} does.
     *
     * @throws BundleException when the file cannot be read or is damaged or of a newer format
     */
    public static ReloadingAdjudicator load(Path file) {
        return new ReloadingAdjudicator(Bundles.load(file));
    }

    /**
     * A result and the bundle that decided it.
     *
     * @param result the result, as {@link Adjudicator#evaluate(Claim, boolean)} gives it
     * @param bundle the bundle whose policies decided it
     */
    public record Decided(Result result, Bundle.Identity bundle) {
    }

    /** What a reload did. */
    public sealed interface Reload {
        /** The bundle in force after the reload. */
        Bundle.Identity inForce();

        /** The new bundle replaced the old one. */
        record Swapped(Bundle.Identity previous, Bundle.Identity inForce) implements Reload {
        }

        /** The new bundle was refused and the old one kept; {@code reason} names the file and what is wrong. */
        record Kept(Bundle.Identity inForce, String reason) implements Reload {
        }
    }

    public Decided evaluate(Claim claim) {
        return evaluate(claim, false);
    }

    /** Evaluates the claim with the bundle in force when the call starts, from start to end. */
    public Decided evaluate(Claim claim, boolean explain) {
        Current c = current.get();
        return new Decided(c.adjudicator.evaluate(claim, explain), c.bundle);
    }

    /** The bundle in force now. */
    public Bundle.Identity bundle() {
        return current.get().bundle;
    }

    /** The adjudicator in force now (keep it for a batch that must see one bundle throughout). */
    public Adjudicator adjudicator() {
        return current.get().adjudicator;
    }

    /** Loads the bundle file and swaps it in, or keeps the old one and says why. */
    public Reload reload(Path file) {
        return reload(() -> Bundles.load(file));
    }

    /**
     * Loads a bundle from the source and swaps it in; when loading fails ({@link BundleException}:
     * damaged, unknown format, unreadable) or building its rule objects fails, the old bundle stays.
     * Reloads run one at a time; evaluations go on meanwhile with the old bundle. Never throws for
     * a bad bundle.
     */
    public synchronized Reload reload(Supplier<Bundle> source) {
        Current old = current.get();
        Current next;
        try {
            next = prepare(Objects.requireNonNull(source.get(), "the bundle source gave null"));
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Reload.Kept(old.bundle, why + "; still serving " + old.bundle);
        }
        current.set(next);
        return new Reload.Swapped(old.bundle, next.bundle);
    }

    /** Builds everything a request needs before anyone can see it. */
    private static Current prepare(Bundle bundle) {
        return new Current(new Adjudicator(bundle.policySet()), bundle.identity());
    }
}
