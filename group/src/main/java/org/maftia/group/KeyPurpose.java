package org.maftia.group;

import java.util.List;
import java.util.function.BiFunction;
import org.maftia.crypto.Dealers;
import org.maftia.crypto.ThresholdParameters;

/**
 * The threshold keys a group's asynchronous protocols use (spec 5.2.1), each with the
 * {@code (n, k, t)} the protocol asks for. This is the one place that says so: the dealer
 * ({@code maftia keygen}), the loader ({@link SiteKeys}) and the protocols all read it here.
 */
public enum KeyPurpose {
    /**
     * ABBA's (n, n-t, t) signature scheme S (Protocol 3). Atomic broadcast (Protocol 7) signs its
     * queue messages and closes with a share of it too: Protocol 7 asks for each party's own
     * signature, and a share that verifies alone under the group's key is exactly that, party i's
     * signature; the tags of those messages ({@code abc|queue|...}, {@code abc|close|...}) are
     * distinct from every ABBA tag, so no share made for one can count for the other, and a
     * purpose of its own would only double the keys a site holds.
     */
    ABBA_MAIN("abba-main", Dealers.Kind.SIGNATURE, ThresholdParameters::quorum),
    /** ABBA's (n, t+1, t) signature scheme S' for the pre-processing votes (Protocol 3). */
    ABBA_PRE("abba-pre", Dealers.Kind.SIGNATURE, ThresholdParameters::onePlusFaults),
    /** VCBC's (n, ceil((n+t+1)/2), t) signature scheme (Protocol 6). */
    VCBC("vcbc", Dealers.Kind.SIGNATURE, ThresholdParameters::honestMajority),
    /** ABBA's (n, n-t, t) threshold coin (Protocol 3). */
    COIN("coin", Dealers.Kind.COIN, ThresholdParameters::quorum),
    /** SC-ABC's (n, t+1, t) threshold cryptosystem (Protocol 8). */
    SC_ABC("sc-abc", Dealers.Kind.ENCRYPTION, ThresholdParameters::onePlusFaults);

    private final String fileName;
    private final Dealers.Kind kind;
    private final BiFunction<Integer, Integer, ThresholdParameters> parameters;

    KeyPurpose(String fileName, Dealers.Kind kind, BiFunction<Integer, Integer, ThresholdParameters> parameters) {
        this.fileName = fileName;
        this.kind = kind;
        this.parameters = parameters;
    }

    public String fileName() {
        return fileName + ".key";
    }

    public Dealers.Kind kind() {
        return kind;
    }

    public ThresholdParameters parameters(int n, int t) {
        return parameters.apply(n, t);
    }

    public static List<KeyPurpose> all() {
        return List.of(values());
    }
}
