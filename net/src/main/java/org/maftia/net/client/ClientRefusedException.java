package org.maftia.net.client;

import java.io.IOException;

/** The genuine site (its reply proved its key) refused this client. */
public final class ClientRefusedException extends IOException {

    /** Why; deliberately nothing more precise than this. */
    public enum Reason { NOT_ADMITTED, SITE_FULL }

    private final Reason reason;

    public ClientRefusedException(Reason reason) {
        super(reason == Reason.NOT_ADMITTED ? "the site does not admit this client's key" : "the site serves its maximum of clients");
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
