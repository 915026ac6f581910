package io.tolk.app.web;

import java.util.Map;

/**
 * Where {@code POST /webhooks/zoho} goes: Zoho's notification callbacks. The admin server hands every callback over as
 * it came and answers with the status returned; it applies no bearer token to this path (Zoho cannot send one), so the
 * receiver must verify the channel token inside the body itself and refuse what does not carry it.
 *
 * <p>Called on the server's request threads, possibly several at once; it should return quickly (queue the work, do
 * not sync inside the call), since Zoho gives up on slow callbacks.
 */
@FunctionalInterface
public interface WebhookReceiver {

    /**
     * Takes one callback.
     *
     * @param headers the request's headers, names in lower case (one value each: the first when repeated)
     * @param body    the request body as text (UTF-8)
     * @return the HTTP status to answer: 2xx when taken, 4xx when refused (a wrong channel token: 403)
     */
    int receive(Map<String, String> headers, String body);

    /** A receiver for a service without notifications: every callback is answered 404. */
    WebhookReceiver NONE = (headers, body) -> 404;
}
