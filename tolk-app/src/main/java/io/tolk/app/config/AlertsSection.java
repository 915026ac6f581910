package io.tolk.app.config;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the {@code alerts:} section of tolk.yaml. Each mistake names its key and line; the webhook URL is never shown
 * (its path is what lets anyone post to the channel), nor is the SMTP password.
 */
final class AlertsSection {

    private final YamlSection s;

    AlertsSection(YamlSection s) {
        this.s = s;
    }

    AlertsConfig read() {
        s.allowOnly("webhook", "email");
        return new AlertsConfig(webhook(), s.section("email").map(AlertsSection::email).orElse(null));
    }

    private Secret webhook() {
        Optional<String> text = s.text("webhook");
        if (text.isEmpty()) {
            if (s.has("webhook") && !s.env().lenient()) {
                throw s.missing("webhook", "${TOLK_ALERT_WEBHOOK}");
            }
            return null;
        }
        URI uri;
        try {
            uri = new URI(text.get());
        } catch (URISyntaxException e) {
            throw new ConfigException(s.keyPath("webhook"), s.lineOfValue("webhook"), "is not a URL; write the"
                    + " incoming-webhook address Slack or Teams gave you (better through ${TOLK_ALERT_WEBHOOK})");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = uri.getHost() != null && ServerConfig.isLoopback(uri.getHost());
        if (uri.getHost() == null || !(scheme.equals("https") || (scheme.equals("http") && loopback))) {
            throw new ConfigException(s.keyPath("webhook"), s.lineOfValue("webhook"), "must be an https:// URL (plain"
                    + " http only to this machine): the address is the webhook's credential");
        }
        return Secret.of(text.get());
    }

    private static AlertsConfig.Email email(YamlSection e) {
        e.allowOnly("host", "port", "tls", "username", "password", "from", "to");
        String host = e.requiredText("host", "smtp.example.com");
        AlertsConfig.Tls tls = e.word("tls", "starttls", "ssl", "none")
                .map(w -> AlertsConfig.Tls.valueOf(w.toUpperCase(Locale.ROOT))).orElse(AlertsConfig.Tls.STARTTLS);
        int port = e.integer("port", tls.defaultPort(), 1, 65535);
        String username = e.text("username").orElse(null);
        Secret password = e.secret("password").orElse(null);
        if (username != null && password == null && !e.env().lenient()) {
            throw e.missing("password", "${SMTP_PASSWORD}");
        }
        if (username == null && password != null) {
            throw new ConfigException(e.keyPath("password"), e.lineOf("password"), "is set without username; add"
                    + " the login it belongs to, e.g. 'username: tolk@example.com'");
        }
        if (tls == AlertsConfig.Tls.NONE && username != null) {
            throw new ConfigException(e.keyPath("tls"), e.lineOfValue("tls"), "'none' would send the SMTP password"
                    + " unencrypted; use starttls (port 587) or ssl (port 465)");
        }
        String from = address(e, e.keyPath("from"), e.lineOfValue("from"), e.requiredText("from", "tolk@example.com"));
        return new AlertsConfig.Email(host, port, tls, username, password, from, recipients(e));
    }

    /** {@code to:} one address, or a list of them; at least one. */
    private static List<String> recipients(YamlSection e) {
        if (!e.has("to")) {
            throw e.missing("to", "[ops@example.com]");
        }
        Node value = e.valueNode("to");
        List<String> out = new ArrayList<>();
        if (value instanceof ScalarNode) {
            out.add(address(e, e.keyPath("to"), e.lineOfValue("to"), e.requiredText("to", "ops@example.com")));
        } else if (value instanceof SequenceNode) {
            List<Node> items = e.list("to");
            for (int i = 0; i < items.size(); i++) {
                Node item = items.get(i);
                String path = e.keyPath("to") + "[" + i + "]";
                if (!(item instanceof ScalarNode scalar) || YamlSection.isNull(item)) {
                    throw new ConfigException(path, YamlSection.line(item), "expected an e-mail address, found "
                            + YamlSection.describe(item));
                }
                String text = e.env().apply(scalar.getValue(), path, YamlSection.line(item));
                out.add(address(e, path, YamlSection.line(item), text == null ? "" : text.trim()));
            }
        } else {
            throw new ConfigException(e.keyPath("to"), e.lineOfValue("to"), "expected an e-mail address or a list of"
                    + " them, found " + YamlSection.describe(value));
        }
        if (out.isEmpty()) {
            throw new ConfigException(e.keyPath("to"), e.lineOfValue("to"), "is empty; list at least one address");
        }
        return out;
    }

    private static String address(YamlSection e, String path, int line, String text) {
        if (text.isEmpty() && e.env().lenient()) {
            return text;
        }
        try {
            InternetAddress parsed = new InternetAddress(text, true);
            parsed.validate();
            if (parsed.getAddress().indexOf('@') < 1) {
                throw new AddressException("no @");
            }
            return text;
        } catch (AddressException ex) {
            throw new ConfigException(path, line, "'" + text + "' is not an e-mail address; write it like"
                    + " ops@example.com");
        }
    }
}
