package org.maftia.replication.wire;

import static org.maftia.group.core.MessageTypes.TRANSFER_CHUNK;
import static org.maftia.group.core.MessageTypes.TRANSFER_CHUNK_REQUEST;
import static org.maftia.group.core.MessageTypes.TRANSFER_OFFER;
import static org.maftia.group.core.MessageTypes.TRANSFER_QUERY;

import java.util.ArrayList;
import java.util.List;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.group.core.Digest;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.WireMessage;

/**
 * State transfer between replicas (spec 5.3.6, Protocol 25, generalized): (recovery-getStatus)
 * becomes a query for the checkpoints a replica holds, (recovery-status-reply, log) an offer of
 * their digests and the state itself in chunks, so that the recovering replica takes only a state
 * t+1 replicas vouch for and no frame exceeds the link's limit.
 */
public sealed interface TransferMessage extends WireMessage {

    /** Most checkpoints one offer lists: a replica keeps two. */
    int MAX_OFFERED = 4;

    /** Which checkpoints do you hold? */
    record Query() implements TransferMessage {
        public int type() {
            return TRANSFER_QUERY;
        }

        public byte[] body() {
            return new byte[0];
        }
    }

    /** A checkpoint: the round its state is of, the state's digest and size in bytes. */
    record Offered(long round, Digest digest, long bytes) {
    }

    /** The checkpoints the sender holds, newest first. */
    record Offer(List<Offered> checkpoints) implements TransferMessage {
        public Offer {
            checkpoints = List.copyOf(checkpoints);
        }

        public int type() {
            return TRANSFER_OFFER;
        }

        public byte[] body() {
            ByteWriter out = new ByteWriter().u8(checkpoints.size());
            for (Offered c : checkpoints) {
                out.u64(c.round()).raw(c.digest().bytes()).u64(c.bytes());
            }
            return out.toByteArray();
        }
    }

    /** Chunk {@code index} of the checkpoint of {@code round}, please. */
    record ChunkRequest(long round, int index) implements TransferMessage {
        public int type() {
            return TRANSFER_CHUNK_REQUEST;
        }

        public byte[] body() {
            return new ByteWriter().u64(round).u32(index).toByteArray();
        }
    }

    /** Chunk {@code index} of {@code count} of the state of the checkpoint of {@code round}. */
    record Chunk(long round, int index, int count, byte[] bytes) implements TransferMessage {
        public int type() {
            return TRANSFER_CHUNK;
        }

        public byte[] body() {
            return new ByteWriter().u64(round).u32(index).u32(count).prefixed(bytes).toByteArray();
        }
    }

    /** @throws MalformedMessageException if it is not a transfer message of that type */
    static TransferMessage decode(int type, byte[] body) throws MalformedMessageException {
        try {
            ByteReader in = new ByteReader(body, "state transfer message");
            TransferMessage m = switch (type) {
                case TRANSFER_QUERY -> new Query();
                case TRANSFER_OFFER -> {
                    int count = in.u8("checkpoints");
                    if (count > MAX_OFFERED) {
                        throw in.malformed(count + " checkpoints offered");
                    }
                    List<Offered> offered = new ArrayList<>();
                    for (int k = 0; k < count; k++) {
                        offered.add(new Offered(in.u64("round"), new Digest(in.raw(32, "digest")), in.u64("bytes")));
                    }
                    yield new Offer(offered);
                }
                case TRANSFER_CHUNK_REQUEST -> new ChunkRequest(in.u64("round"), in.u32("index"));
                case TRANSFER_CHUNK -> {
                    long round = in.u64("round");
                    int index = in.u32("index");
                    int count = in.u32("count");
                    if (index >= count) {
                        throw in.malformed("chunk " + index + " of " + count);
                    }
                    yield new Chunk(round, index, count, in.prefixed("bytes"));
                }
                default -> throw new MalformedMessageException("message type 0x" + Integer.toHexString(type)
                        + " is not a state transfer message");
            };
            in.end();
            return m;
        } catch (MalformedEncodingException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }
}
