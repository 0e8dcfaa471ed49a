package org.maftia.group;

import org.maftia.group.abc.Abc;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.stream.StreamEntry;

/**
 * Atomic broadcast (spec 3.2, AtomicStream; Protocol 7, ABC): every honest party receives the
 * same payloads in the same order, including each honest party's payloads. The stream's
 * protocol instance starts with the object; messages of other parties that arrive earlier wait.
 */
public class AtomicStream extends Stream {

    private final Abc instance;
    private long nextSeq;
    /** This party's payloads not yet delivered, by sequence number (protocol thread only). */
    private final java.util.Map<Long, byte[]> outstanding = new java.util.HashMap<>();

    public AtomicStream(GroupSite site, String protocolID, String groupID, GroupKeys keys) {
        this(site, protocolID, groupID, keys, Abc.Settings.DEFAULT, DEFAULT_WINDOW);
    }

    /** With explicit batch bounds and flow-control window. */
    public AtomicStream(GroupSite site, String protocolID, String groupID, GroupKeys keys, Abc.Settings settings, int window) {
        super(site, protocolID, groupID, window);
        if (keys == null) {
            throw new IllegalArgumentException("an AtomicStream needs the site's group keys");
        }
        this.instance = new Abc(protocolID, keys, settings, new Abc.Output() {
            @Override
            public boolean deliver(StreamEntry.Data entry) {
                return AtomicStream.this.deliver(entry.payload(), isOwn(entry));
            }

            @Override
            public void terminated() {
                terminate();
            }
        });
        site.start(instance);
    }

    /** As in the spec, plus the keys: the site is the one bound to this thread ({@link GroupSite#enter()}). */
    public AtomicStream(String protocolID, String groupID, GroupKeys keys) {
        this(GroupSite.current(), protocolID, groupID, keys);
    }

    /** The protocol instance, for monitoring on the protocol thread. */
    public Abc instance() {
        return instance;
    }

    /**
     * Origins are not authenticated in Protocol 7 (a Byzantine party can order an entry in this
     * party's name), so an entry is this party's only if it is the payload sent under that number.
     */
    private boolean isOwn(StreamEntry.Data entry) {
        if (entry.origin() != site.parameters().self()) {
            return false;
        }
        byte[] sent = outstanding.get(entry.seq());
        if (sent == null || !java.util.Arrays.equals(sent, entry.payload())) {
            return false;
        }
        outstanding.remove(entry.seq());
        return true;
    }

    @Override
    protected void submit(byte[] m) {
        long seq = nextSeq++;
        outstanding.put(seq, m);
        instance.broadcast(new StreamEntry.Data(site.parameters().self(), seq, m));
    }

    @Override
    protected void submitClose() {
        instance.broadcast(instance.closeEntry(site.parameters().self(), getGroupID()));
    }

    @Override
    protected void resume() {
        instance.resume();
    }

    @Override
    protected void release() {
        instance.release();
    }
}
