package org.maftia.ttcb.daemon;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.maftia.ttcb.core.FunctionLibrary;
import org.maftia.ttcb.core.TimingParameters;
import org.maftia.ttcb.core.TtcbSettings;

/**
 * A local TTCB daemon's configuration, as read by {@link TtcbConfigLoader}.
 *
 * @param id            this local TTCB's id (its index in {@code members})
 * @param socket        the Unix domain socket entities connect to
 * @param keyFile       the TTCB's private keys (created, owner-only, when missing)
 * @param publicKeyFile where the daemon writes its public key for the entities of this host
 * @param controlSecret the control network's shared secret
 * @param timing        periods, Od, Bd, delays, WCETs, π
 * @param functionWcets the WCET of each built-in function of the timely execution service
 * @param maxValueBytes the agreement service's block size
 * @param retentionNanos how long finished agreements are kept
 * @param members       every local TTCB's control-network address, by id
 */
public record TtcbConfig(int id, Path socket, Path keyFile, Path publicKeyFile, byte[] controlSecret,
                         TimingParameters timing, Map<String, Long> functionWcets, int maxValueBytes,
                         long retentionNanos, List<InetSocketAddress> members) {

    public TtcbSettings settings() {
        FunctionLibrary library = FunctionLibrary.builtIns(functionWcets.get(FunctionLibrary.NOOP),
                functionWcets.get(FunctionLibrary.SHA256), functionWcets.get(FunctionLibrary.ALARM));
        return new TtcbSettings(id, members.size(), timing, controlSecret, library, maxValueBytes, 65_536, retentionNanos);
    }
}
