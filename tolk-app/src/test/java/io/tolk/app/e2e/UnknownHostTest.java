package io.tolk.app.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** A host name that does not resolve is reported as exactly that, naming the system, and is exit 3. */
class UnknownHostTest extends E2eBase {

    private void powerOfficeAt(String url) throws Exception {
        writeConfig("");
        String yaml = Files.readString(configFile)
                .replaceFirst("apiUrl: .*", "apiUrl: " + url + "/v2")
                .replaceFirst("tokenUrl: .*", "tokenUrl: " + url + "/OAuth/Token");
        Files.writeString(configFile, yaml);
    }

    @Test
    void doctorAndSyncAgainstAnUnknownHostSayUnknownHostForPowerOffice() throws Exception {
        powerOfficeAt("https://no-such-host.invalid");

        Tolk.Result doctor = tolk.run("doctor").expectExit(3);
        assertThat(doctor.all()).contains("unknown host no-such-host.invalid").contains("PowerOffice");

        Tolk.Result sync = tolk.sync().expectExit(3);
        assertThat(sync.err()).contains("poweroffice").contains("unknown host no-such-host.invalid")
                .doesNotContain("IOException");
    }
}
