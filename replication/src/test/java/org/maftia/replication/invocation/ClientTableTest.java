package org.maftia.replication.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maftia.net.client.ClientId;
import org.maftia.replication.Invoker;

/**
 * The history is replicated state: only ordered deliveries may change it. Judging a request a
 * client sent to this one replica (Protocol 12, unordered) must leave it as it was, or replicas
 * that received different requests hold different checkpoints and forget different clients.
 */
class ClientTableTest {

    private static ClientId client(int k) {
        byte[] key = new byte[32];
        key[0] = (byte) k;
        return new ClientId(key);
    }

    @Test
    void judgingAnUnorderedRequestChangesNeitherTheEncodingNorWhoIsForgotten() {
        List<ClientTable> tables = new ArrayList<>();
        for (int replica = 0; replica < 2; replica++) {
            ClientTable table = new ClientTable(8, 2);
            table.executed(new Invoker(client(1), 1, 1));
            table.executed(new Invoker(client(2), 1, 1));
            tables.add(table);
        }
        // Only replica 1 received client 1's next request directly from the client.
        tables.get(1).judge(new Invoker(client(1), 1, 2));
        assertThat(tables.get(1).encode()).as("the same history after the same deliveries").isEqualTo(tables.get(0).encode());

        for (ClientTable table : tables) {
            table.executed(new Invoker(client(3), 1, 1)); // a third client: the least recently served is forgotten
        }
        assertThat(tables.get(1).encode()).isEqualTo(tables.get(0).encode());
        assertThat(tables.get(1).judge(new Invoker(client(1), 1, 2))).isEqualTo(tables.get(0).judge(new Invoker(client(1), 1, 2)));
    }
}
