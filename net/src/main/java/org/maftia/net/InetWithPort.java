package org.maftia.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * An IP address with a port (spec 3.1.6): the {@code source} and {@code dest} of the sendable
 * events the UDP and TCP layers carry. Value semantics, as the spec advises for addresses.
 */
public record InetWithPort(InetAddress host, int port) {

    public InetWithPort {
        if (host == null) {
            throw new IllegalArgumentException("an address needs a host, not null");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
    }

    /** Parses {@code host:port} ({@code [v6]:port} for IPv6); resolves host names. */
    public static InetWithPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("an address is host:port, not '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port of '" + text + "' is not a number");
        }
        try {
            return new InetWithPort(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "' in address '" + text + "'");
        }
    }

    public static InetWithPort of(InetSocketAddress address) {
        return new InetWithPort(address.getAddress(), address.getPort());
    }

    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        String h = host.getHostAddress();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + port;
    }
}
