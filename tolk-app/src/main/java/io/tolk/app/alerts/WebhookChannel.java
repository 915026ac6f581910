package io.tolk.app.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.app.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts an alert to an incoming webhook as {@code {"text": "..."}}: the message shape both Slack's and Microsoft Teams'
 * incoming webhooks accept (and most chat tools that copy them). The text is the alert's title and lines, with
 * {@code &}, {@code <} and {@code >} escaped as Slack asks. Any 2xx answer is delivery; anything else, or no answer
 * within the timeout, is a failure to retry. The URL is the credential: it is never logged, only its host.
 */
public final class WebhookChannel implements AlertChannel {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Secret url;
    private final String display;
    private final HttpClient http;

    public WebhookChannel(Secret url) {
        this.url = url;
        URI uri = URI.create(url.reveal());
        this.display = "webhook " + uri.getScheme() + "://" + uri.getHost() + "/…";
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return display;
    }

    /** The JSON body posted for an alert. */
    public static String payload(Alert alert) {
        ObjectNode body = JSON.createObjectNode();
        body.put("text", escape(AlertText.full(alert)));
        return body.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void send(Alert alert) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.reveal()))
                .timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "tolk")
                .POST(HttpRequest.BodyPublishers.ofString(payload(alert), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            String text = answer.body() == null ? "" : answer.body().strip();
            throw new IOException("answered HTTP " + answer.statusCode()
                    + (text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text)));
        }
    }

    @Override
    public String describe(Exception failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        URI uri = URI.create(url.reveal());
        message = message.replace(url.reveal(), display);
        if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
            message = message.replace(uri.getRawPath(), "/…");
        }
        return message;
    }
}
