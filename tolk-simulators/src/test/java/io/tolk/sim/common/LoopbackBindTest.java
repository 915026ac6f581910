package io.tolk.sim.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tolk.sim.poweroffice.PowerOfficeSimulator;
import io.tolk.sim.zoho.ZohoSimulator;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The simulators listen on loopback only unless told otherwise: nothing on the network reaches a test server. */
class LoopbackBindTest {

  /** An IPv4 address of this machine that is not loopback, if it has one. */
  static Optional<InetAddress> networkAddress() throws SocketException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) continue;
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  private static void connect(InetAddress host, int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 2000);
    }
  }

  @Test
  void defaultOptionsBindLoopbackSoTheNetworkAddressIsRefused() throws Exception {
    assertThat(SimOptions.defaults().bindAddress()).isEqualTo("127.0.0.1");
    assertThat(new SimOptions(null, 0, 0, null, null, false, null).bindAddress()).as("unset means loopback").isEqualTo("127.0.0.1");
    try (ZohoSimulator zoho = ZohoSimulator.start(SimOptions.defaults());
         PowerOfficeSimulator po = PowerOfficeSimulator.start(SimOptions.defaults())) {
      for (SimServer server : new SimServer[] {zoho.server(), po.server()}) {
        assertThat(server.boundAddress().isLoopbackAddress()).as(server.name()).isTrue();
        assertThat(server.baseUrl()).startsWith("http://127.0.0.1:");
        connect(InetAddress.getLoopbackAddress(), server.port());
        Optional<InetAddress> lan = networkAddress();
        Assumptions.assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address to try");
        assertThatThrownBy(() -> connect(lan.get(), server.port())).as("%s from %s", server.name(), lan.get())
            .isInstanceOf(ConnectException.class);
      }
    }
  }

  @Test
  void aGivenBindAddressIsWhereItListens() throws Exception {
    try (ZohoSimulator zoho = ZohoSimulator.start(SimOptions.defaults().withBindAddress("0.0.0.0"))) {
      assertThat(zoho.server().boundAddress().isAnyLocalAddress()).isTrue();
      assertThat(zoho.baseUrl()).startsWith("http://127.0.0.1:");
      Optional<InetAddress> lan = networkAddress();
      Assumptions.assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address to try");
      connect(lan.get(), zoho.port());
    }
  }
}
