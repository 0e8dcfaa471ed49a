package org.maftia.replication.recovery;

import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.group.abc.Abc;

/**
 * What a replica's state is, between two rounds of the atomic broadcast (the log of Protocol 25,
 * generalized): where the broadcast resumes (its round and d), the clients' history (Protocol 13),
 * the caller groups' votes awaiting t+1 alike, and the service's snapshot, plus how many requests
 * were executed since the group began.
 */
public record ReplicaState(Abc.ResumePoint resumePoint, byte[] clients, byte[] callerVotes, byte[] service, long executed) {

    public byte[] encode() {
        return new ByteWriter().prefixed(resumePoint.encode()).prefixed(clients).prefixed(callerVotes).prefixed(service)
                .u64(executed).toByteArray();
    }

    /** @throws MalformedEncodingException if {@code bytes} is not a replica state */
    public static ReplicaState decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes, "replica state");
        ReplicaState state = new ReplicaState(Abc.ResumePoint.decode(in.prefixed("resume point")), in.prefixed("clients"),
                in.prefixed("caller votes"), in.prefixed("service"), in.u64("executed"));
        in.end();
        return state;
    }
}
