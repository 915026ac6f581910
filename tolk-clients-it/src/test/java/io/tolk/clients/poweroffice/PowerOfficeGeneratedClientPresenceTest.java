package io.tolk.clients.poweroffice;

import static org.assertj.core.api.Assertions.assertThat;

import io.tolk.clients.ClientPrerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The guard for {@code GeneratedPowerOfficeClientTest}: that test and the client it uses exist only when the Maven
 * profile {@code poweroffice-generated-client} ran, which it does when PowerOffice's OpenAPI document is in the
 * contracts folder. Without it this test says why the generated-client tests did not run (skipped), or fails under
 * CI ({@code tolk.contracts.required=true}).
 */
class PowerOfficeGeneratedClientPresenceTest {
  static final String DOCUMENT = "poweroffice-go-v2.openapi.yaml";

  @Test
  void powerOfficeClientIsGeneratedFromTheVendorsOpenApiDocument() {
    Path document = ClientPrerequisites.contractsDir().resolve(DOCUMENT);
    boolean generated = "true".equals(System.getProperty("tolk.poweroffice.client.generated"));
    if (!generated || !Files.isRegularFile(document)) {
      String why = "the PowerOffice client was not generated: " + document + (Files.isRegularFile(document)
          ? " exists, but the profile poweroffice-generated-client (activated by ../shared/contracts/" + DOCUMENT
          + " next to the project root) did not run"
          : " not found") + ", so GeneratedPowerOfficeClientTest was not compiled";
      if (!ClientPrerequisites.required()) System.err.println("SKIPPED " + getClass().getSimpleName() + ": " + why);
      ClientPrerequisites.missing(why);
    }
    assertThat(classExists("io.tolk.clients.poweroffice.generated.api.CustomersApi")).isTrue();
    assertThat(classExists("io.tolk.clients.poweroffice.GeneratedPowerOfficeClientTest")).isTrue();
  }

  private static boolean classExists(String name) {
    try {
      Class.forName(name, false, PowerOfficeGeneratedClientPresenceTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
