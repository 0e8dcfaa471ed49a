package org.maftia.net.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ClientValuesTest {

    @Test
    void aClientIdIsItsKeyByContent() {
        byte[] key = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        ClientId id = new ClientId(key);
        key[0] = 1;
        assertThat(id).isEqualTo(new ClientId(HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")));
        assertThat(id).hasSameHashCodeAs(new ClientId(id.publicKey()));
        assertThat(id.toString()).isEqualTo("client 0011223344556677");
        assertThat(ClientAdmission.any().admit(id.publicKey())).contains("0011223344556677");
        assertThatThrownBy(() -> new ClientId(new byte[31])).hasMessageContaining("32-byte");
    }

    @Test
    void settingsOutOfRangeNameTheirField() {
        ClientEndpointSettings d = ClientEndpointSettings.defaults();
        assertThatThrownBy(() -> new ClientEndpointSettings(0, d.maxSessions(), d.maxPending(), d.maxPendingPerAddress(),
                d.handshakeTimeout(), d.outboxBytesPerClient(), d.idleTimeout())).hasMessageContaining("maxFrameBytes");
        assertThatThrownBy(() -> new ClientEndpointSettings(d.maxFrameBytes(), 0, d.maxPending(), d.maxPendingPerAddress(),
                d.handshakeTimeout(), d.outboxBytesPerClient(), d.idleTimeout())).hasMessageContaining("maxSessions");
        assertThatThrownBy(() -> new ClientEndpointSettings(d.maxFrameBytes(), d.maxSessions(), 0, d.maxPendingPerAddress(),
                d.handshakeTimeout(), d.outboxBytesPerClient(), d.idleTimeout())).hasMessageContaining("maxPending");
        assertThatThrownBy(() -> new ClientEndpointSettings(d.maxFrameBytes(), d.maxSessions(), 4, 5,
                d.handshakeTimeout(), d.outboxBytesPerClient(), d.idleTimeout())).hasMessageContaining("maxPendingPerAddress");
        assertThatThrownBy(() -> new ClientEndpointSettings(d.maxFrameBytes(), d.maxSessions(), d.maxPending(),
                d.maxPendingPerAddress(), Duration.ZERO, d.outboxBytesPerClient(), d.idleTimeout()))
                .hasMessageContaining("handshakeTimeout");
        assertThatThrownBy(() -> new ClientEndpointSettings(d.maxFrameBytes(), d.maxSessions(), d.maxPending(),
                d.maxPendingPerAddress(), d.handshakeTimeout(), d.maxFrameBytes(), d.idleTimeout()))
                .hasMessageContaining("outboxBytesPerClient");
        assertThatThrownBy(() -> new ClientEndpointSettings(d.maxFrameBytes(), d.maxSessions(), d.maxPending(),
                d.maxPendingPerAddress(), d.handshakeTimeout(), d.outboxBytesPerClient(), Duration.ofDays(365)))
                .hasMessageContaining("idleTimeout");
    }
}
