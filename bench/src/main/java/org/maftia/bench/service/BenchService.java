package org.maftia.bench.service;

import java.nio.ByteBuffer;
import org.maftia.replication.Invoker;
import org.maftia.replication.ReplicatedService;

/**
 * The benchmark's service, as BFT-SMaRt's throughput-latency server: every ordered request,
 * whatever it holds, is answered with {@code replyBytes} zero bytes. Its state is the number of
 * requests executed, so checkpoints and state transfer carry something and stay deterministic.
 */
final class BenchService implements ReplicatedService {

    private final int replyBytes;
    private long executed;

    BenchService(int replyBytes) {
        this.replyBytes = replyBytes;
    }

    @Override
    public byte[] execute(byte[] request, Invoker invoker) {
        executed++;
        return new byte[replyBytes];
    }

    @Override
    public byte[] snapshot() {
        return ByteBuffer.allocate(Long.BYTES).putLong(executed).array();
    }

    @Override
    public void restore(byte[] snapshot) {
        if (snapshot.length != Long.BYTES) {
            throw new IllegalArgumentException("a bench service snapshot is " + Long.BYTES + " bytes, not " + snapshot.length);
        }
        executed = ByteBuffer.wrap(snapshot).getLong();
    }
}
