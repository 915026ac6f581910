package io.tolk.app.alerts;

import io.tolk.app.config.AlertsConfig;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

/**
 * Sends an alert as a plain-text e-mail over SMTP (Eclipse Angus Mail): the alert's title as the subject, its lines as
 * the body. STARTTLS, when configured, is required (a server that does not offer it is a failure, never a fallback to
 * plain text), and the server's certificate must match its name. Connect, read and write each time out after 10 s.
 */
public final class EmailChannel implements AlertChannel {

    static final String TIMEOUT_MS = "10000";

    private final AlertsConfig.Email settings;
    private final Session session;
    private final Clock clock;

    public EmailChannel(AlertsConfig.Email settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", settings.host());
        p.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        p.setProperty("mail.smtp.connectiontimeout", TIMEOUT_MS);
        p.setProperty("mail.smtp.timeout", TIMEOUT_MS);
        p.setProperty("mail.smtp.writetimeout", TIMEOUT_MS);
        p.setProperty("mail.smtp.auth", Boolean.toString(settings.username() != null));
        switch (settings.tls()) {
            case STARTTLS -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case SSL -> {
                p.setProperty("mail.smtp.ssl.enable", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> {
            }
        }
        this.session = Session.getInstance(p);
    }

    @Override
    public String name() {
        return "e-mail via " + settings.host() + ":" + settings.port();
    }

    @Override
    public void send(Alert alert) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(settings.from()));
        InternetAddress[] to = new InternetAddress[settings.to().size()];
        for (int i = 0; i < to.length; i++) {
            to[i] = new InternetAddress(settings.to().get(i));
        }
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(AlertText.title(alert), "UTF-8");
        message.setText(String.join("\n", AlertText.body(alert)) + "\n", "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader("X-Tolk-Connection", alert.connection());
        message.setHeader("X-Tolk-State", alert.state().code());
        if (settings.username() == null) {
            Transport.send(message);
        } else {
            Transport.send(message, settings.username(), settings.password().reveal());
        }
    }

    @Override
    public String describe(Exception failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage().strip();
        if (settings.password() != null && !settings.password().reveal().isEmpty()) {
            message = message.replace(settings.password().reveal(), "****");
        }
        return message;
    }
}
