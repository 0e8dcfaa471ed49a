package org.maftia.group.core;

import java.util.concurrent.CompletableFuture;
import org.maftia.appia.Appia;
import org.maftia.group.Site;

/**
 * A {@link Site} as protocol code sees it, below the application API: its group session, the
 * keys in the form the protocols use, and a way to start a protocol instance by hand. For the
 * protocols' own tests, benchmarks and demos that script a corrupted site; applications use the
 * classes of {@code org.maftia.group}.
 */
public final class SiteRuntime {

    private final Site site;

    private SiteRuntime(Site site) {
        this.site = site;
    }

    public static SiteRuntime of(Site site) {
        return new SiteRuntime(site);
    }

    public Site site() {
        return site;
    }

    public Appia appia() {
        return site.appia();
    }

    /** The group session; touch its state only on the protocol thread. */
    public GroupSession session() {
        return GroupSession.of(site.channel());
    }

    public GroupParameters parameters() {
        return session().parameters();
    }

    public GroupKeys keys() {
        return session().keys();
    }

    /** Starts {@code instance} at the site, on its protocol thread. */
    public void start(ProtocolInstance<?> instance) {
        site.appia().execute(() -> session().start(instance));
    }

    /** Runs {@code action} on the protocol thread; the future completes when it ran. */
    public CompletableFuture<Void> onProtocolThread(Runnable action) {
        return site.onProtocolThread(action);
    }
}
