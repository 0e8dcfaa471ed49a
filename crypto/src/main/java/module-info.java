/**
 * Threshold cryptography (spec 5.2.1, 5.4.1). The API is the scheme-neutral package: the
 * signature, coin and cryptosystem interfaces, shares and tags, the dealer ({@code Dealers}) and
 * the decoders that pick a scheme by its name. The schemes themselves are implementation, reached
 * through those names; they and the strict codec they share are exported only to the project
 * modules that use them directly: group, replication and tx encode their messages with the codec, the benchmarks time
 * each scheme.
 */
module org.maftia.crypto {
    requires org.bouncycastle.provider;
    // BLS12-381 bindings: the jar declares no module name, so this is its file name's.
    requires jblst;

    exports org.maftia.crypto;
    exports org.maftia.crypto.codec to org.maftia.group, org.maftia.replication, org.maftia.tx;
    exports org.maftia.crypto.bls to org.maftia.bench;
    exports org.maftia.crypto.dl to org.maftia.bench;
    exports org.maftia.crypto.quorum to org.maftia.bench;
    exports org.maftia.crypto.rsa to org.maftia.bench;
}
