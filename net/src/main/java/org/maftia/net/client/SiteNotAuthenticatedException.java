package org.maftia.net.client;

import java.io.IOException;

/** The site did not prove the link key the client expected: it is not who it claims to be. */
public final class SiteNotAuthenticatedException extends IOException {

    public SiteNotAuthenticatedException(String message) {
        super(message);
    }
}
