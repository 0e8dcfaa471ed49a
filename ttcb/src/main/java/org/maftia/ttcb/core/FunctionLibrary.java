package org.maftia.ttcb.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The library of functions a local TTCB executes (spec 2.2.4.3: "the TTCB can offer a library of
 * generic useful functions"), each with its worst-case execution time, which the schedulability
 * analysis uses. Uploading functions is not offered: nobody here could certify their WCET.
 */
public final class FunctionLibrary {

    /** A function of the library: its name, its WCET in nanoseconds, and what it computes. */
    public record TtcbFunction(String name, long wcetNanos, UnaryOperator<byte[]> body) {
        public TtcbFunction {
            if (name.isEmpty() || name.length() > 64 || wcetNanos <= 0) {
                throw new IllegalArgumentException("a function needs a name of 1-64 characters and a positive WCET");
            }
        }
    }

    private final Map<String, TtcbFunction> functions = new LinkedHashMap<>();

    /** Registers a function; a name is registered once. */
    public FunctionLibrary register(TtcbFunction f) {
        if (functions.putIfAbsent(f.name(), f) != null) {
            throw new IllegalArgumentException("function " + f.name() + " is already registered");
        }
        return this;
    }

    public Optional<TtcbFunction> find(String name) {
        return Optional.ofNullable(functions.get(name));
    }

    public Map<String, TtcbFunction> all() {
        return Map.copyOf(functions);
    }

    /** The names of the built-in functions, which a configuration may give WCETs to. */
    public static final String NOOP = "noop";
    public static final String SHA256 = "sha256";
    public static final String ALARM = "alarm";

    /**
     * The built-ins: {@code noop}; {@code sha256} (digest of the argument); {@code alarm} (the
     * reaction to a timing failure: returns its argument, and the local TTCB records an alarm).
     */
    public static FunctionLibrary builtIns(long noopWcet, long sha256Wcet, long alarmWcet) {
        return new FunctionLibrary()
                .register(new TtcbFunction(NOOP, noopWcet, arg -> new byte[0]))
                .register(new TtcbFunction(SHA256, sha256Wcet, FunctionLibrary::sha256))
                .register(new TtcbFunction(ALARM, alarmWcet, byte[]::clone));
    }

    private static byte[] sha256(byte[] arg) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(arg);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
