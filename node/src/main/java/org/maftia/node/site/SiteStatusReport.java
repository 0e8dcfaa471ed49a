package org.maftia.node.site;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.maftia.appia.Channel;
import org.maftia.appia.ChannelCursor;
import org.maftia.group.core.GroupCounters;
import org.maftia.group.core.GroupSession;
import org.maftia.net.NetworkCounters;
import org.maftia.net.NetworkSession;
import org.maftia.net.client.ClientCounters;
import org.maftia.replication.ServedReplica;
import org.maftia.replication.ServiceReplica;

/**
 * What a site process reports on its admin socket: one JSON object, read from the replica on its
 * protocol thread and from the counters of the client port, the site's network and its group
 * session. Field names are the counters' names, so the report reads like the code.
 */
final class SiteStatusReport {

    /** How long the protocol thread may take to answer; a site too busy to answer reports that. */
    private static final Duration PROTOCOL_THREAD_WAIT = Duration.ofSeconds(2);

    private final ObjectMapper json = new ObjectMapper();
    private final String groupId;
    private final int site;
    private final String serviceId;
    private final ServedReplica served;

    SiteStatusReport(String groupId, int site, String serviceId, ServedReplica served) {
        this.groupId = groupId;
        this.site = site;
        this.serviceId = serviceId;
        this.served = served;
    }

    /** The report as one line of JSON. */
    String line() throws InterruptedException {
        ObjectNode report = json.createObjectNode().put("group", groupId).put("site", site).put("service", serviceId);
        replica(report);
        report.put("malformedClientFrames", served.replica().malformedFrames());
        clients(report.putObject("clients"), served.endpoint().counters());
        try {
            served.site().onProtocolThread(() -> {
                Channel channel = served.site().channel();
                ChannelCursor bottom = channel.getCursor();
                bottom.bottom();
                if (bottom.getSession() instanceof NetworkSession network) {
                    network(report.putObject("network"), network.counters());
                }
                group(report.putObject("groupSession"), GroupSession.of(channel).counters());
            }).get(PROTOCOL_THREAD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            report.put("networkUnavailable", e.getClass().getSimpleName());
        }
        return report.toString();
    }

    private void replica(ObjectNode report) throws InterruptedException {
        ServiceReplica.Status status;
        try {
            status = served.replica().status().get(PROTOCOL_THREAD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            report.put("running", false).put("unanswered", "the protocol thread did not answer within "
                    + PROTOCOL_THREAD_WAIT.toSeconds() + " s");
            return;
        }
        report.put("running", status.running()).put("round", status.round()).put("executed", status.executed())
                .put("checkpointRound", status.checkpointRound());
        ObjectNode counters = report.putObject("replica");
        // Every counter the replica keeps, by its name: a counter added there appears here.
        for (RecordComponent c : status.counters().getClass().getRecordComponents()) {
            try {
                counters.put(c.getName(), (long) c.getAccessor().invoke(status.counters()));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("replica counter " + c.getName() + " unreadable", e);
            }
        }
    }

    private static void clients(ObjectNode o, ClientCounters c) {
        o.put("sessions", c.sessions()).put("pending", c.pending()).put("bufferedBytes", c.bufferedBytes())
                .put("bytesIn", c.bytesIn()).put("bytesOut", c.bytesOut()).put("handshakesFailed", c.handshakesFailed())
                .put("refusedFull", c.refusedFull()).put("refusedNotAdmitted", c.refusedNotAdmitted())
                .put("timedOut", c.timedOut()).put("oversized", c.oversized()).put("malformed", c.malformed())
                .put("decryptionFailures", c.decryptionFailures()).put("countersExhausted", c.countersExhausted())
                .put("slowReadersClosed", c.slowReadersClosed()).put("idleClosed", c.idleClosed()).put("replaced", c.replaced());
    }

    private static void network(ObjectNode o, NetworkCounters c) {
        o.put("framesSent", c.framesSent()).put("bytesSent", c.bytesSent()).put("framesReceived", c.framesReceived())
                .put("bytesReceived", c.bytesReceived()).put("refused", c.refusedTotal()).put("sendFailures", c.sendFailures())
                .put("droppedQueueFull", c.droppedQueueFull()).put("reconnects", c.reconnects());
    }

    private static void group(ObjectNode o, GroupCounters c) {
        o.put("malformed", c.malformed()).put("unauthenticated", c.unauthenticated())
                .put("rejectedByProtocol", c.rejectedByProtocol()).put("late", c.late()).put("pendingDropped", c.pendingDropped())
                .put("stageFull", c.stageFull()).put("delivered", c.delivered());
    }
}
