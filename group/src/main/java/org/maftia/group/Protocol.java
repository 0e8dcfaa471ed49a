package org.maftia.group;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * What every communication service has (spec 3.2, 5.2.1, Figure 5.1): a protocol id unique in its
 * group, the group, the site it runs at, and a way to give up.
 */
public abstract class Protocol {

    protected final Site site;
    protected final String protocolID;

    protected Protocol(Site site, String protocolID, String groupID) {
        if (site == null) {
            throw new IllegalArgumentException("a protocol needs a site: pass one, or use the constructor without it,"
                    + " which takes Site.current()");
        }
        if (protocolID == null || protocolID.isEmpty()) {
            throw new IllegalArgumentException("a protocol needs a non-empty id, unique in its group");
        }
        site.checkGroup(groupID);
        this.site = site;
        this.protocolID = protocolID;
    }

    public String getProtocolID() {
        return protocolID;
    }

    public String getGroupID() {
        return site.groupId();
    }

    /** Stops taking part; the instance's state is freed and calls waiting on it fail. */
    public abstract void abort();

    /**
     * Waits for {@code result} as a blocking call of section 3.2 does.
     *
     * @throws CancellationException if the protocol was aborted
     * @throws OperationInterruptedException if the waiting thread was interrupted
     */
    final <T> T await(CompletableFuture<T> result, String what) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationInterruptedException(what + " of " + protocolID + " interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException c) {
                throw c;
            }
            throw new IllegalStateException(what + " of " + protocolID + " failed", e.getCause());
        }
    }
}
