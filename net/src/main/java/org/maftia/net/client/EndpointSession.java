package org.maftia.net.client;

/** A client's session at its site: an authenticated channel with the client's identity. */
final class EndpointSession implements ClientSession {

    private final ClientId client;
    private final String name;
    private final int maxFrameBytes;
    private SecureChannel channel;

    EndpointSession(ClientId client, String name, int maxFrameBytes) {
        this.client = client;
        this.name = name;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Set once, before the session is published; the channel's listener needs the session first. */
    void attach(SecureChannel channel) {
        this.channel = channel;
    }

    SecureChannel channel() {
        return channel;
    }

    @Override
    public ClientId client() {
        return client;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean send(byte[] frame) {
        if (frame.length > maxFrameBytes) {
            throw new IllegalArgumentException("a frame of " + frame.length + " bytes is over maxFrameBytes " + maxFrameBytes);
        }
        return channel.offer(frame);
    }

    @Override
    public void close() {
        channel.close(CloseReason.CLOSED_LOCALLY);
    }

    @Override
    public String toString() {
        return name + " (" + client + ")";
    }
}
