package org.maftia.net.group;

/** A configuration that cannot be used; the message names the field, the bad value and the fix. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
