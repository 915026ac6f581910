package io.tolk.app.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.tolk.app.UsageException;
import io.tolk.app.config.ServerConfig;
import io.tolk.app.service.ServiceControl;
import io.tolk.app.web.access.AccessGuard;
import io.tolk.app.web.access.SignIns;
import io.tolk.app.web.api.ApiException;
import io.tolk.app.web.api.ConflictsApi;
import io.tolk.app.web.api.ControlApi;
import io.tolk.app.web.api.FailuresApi;
import io.tolk.app.web.api.RecordsApi;
import io.tolk.app.web.api.ReviewApi;
import io.tolk.app.web.api.StatusApi;
import io.tolk.api.RecordRef;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tolk's one HTTP server (Javalin on Jetty): the dashboard at {@code /}, the JSON admin API under {@code /api},
 * {@code /metrics} (Prometheus text) and {@code /webhooks/zoho} (Zoho's notification callbacks), all on one port.
 * Who may call what is {@link AccessGuard}'s decision. The server only shows the service and hands a person's
 * decisions to it ({@link ServiceControl}); it runs no cycle itself.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    /** Marks a response whose error body tolk wrote (Javalin's own 404 is replaced, tolk's is kept). */
    private static final String ERROR_SENT = "tolk.error";
    private static final String DASHBOARD = "/io/tolk/app/web/dashboard/";
    private static final Map<String, String> ASSET_TYPES = Map.of(
            "html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml");
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final Javalin app;
    private final ServerConfig config;

    private AdminServer(Javalin app, ServerConfig config) {
        this.app = app;
        this.config = config;
    }

    /**
     * Starts serving.
     *
     * @param service  the running service
     * @param config   the {@code server:} section
     * @param metrics  the {@code /metrics} body, Prometheus text format (called per request)
     * @param webhooks where Zoho's callbacks go
     * @throws UsageException when the address is not loopback and no token is set, or the port is in use
     */
    public static AdminServer start(ServiceControl service, ServerConfig config, Supplier<String> metrics,
                                    WebhookReceiver webhooks, Clock clock) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(webhooks, "webhooks");
        if (!config.loopbackOnly() && config.token() == null) {
            throw new UsageException("server.bind is " + config.bind() + ", which exposes the admin API beyond this"
                    + " machine; set server.token too (e.g. token: ${TOLK_ADMIN_TOKEN}), or bind to 127.0.0.1");
        }
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Routes routes = new Routes(service, config, metrics, webhooks, clock, mapper);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = config.bind();
            cfg.jetty.port = config.port();
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            routes.register(cfg);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            app.stop();
            if (causedByBind(e)) {
                throw new UsageException("port " + config.port() + " on " + config.bind() + " is in use; choose another"
                        + " with server.port (or stop what uses it)");
            }
            throw e;
        }
        return new AdminServer(app, config);
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || t.getClass().getSimpleName().contains("BindException")) {
                return true;
            }
        }
        return false;
    }

    /** The port served (the one chosen when {@code server.port} is 0). */
    public int port() {
        return app.port();
    }

    /** Where it serves, e.g. {@code http://127.0.0.1:8080} (a wildcard bind is shown as 127.0.0.1). */
    public String url() {
        String host = config.bind();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** The routes: one line per endpoint, each handing over to the API class that does the work. */
    private static final class Routes {
        private final ServerConfig config;
        private final Supplier<String> metrics;
        private final WebhookReceiver webhooks;
        private final ObjectMapper mapper;
        private final SignIns signIns;
        private final AccessGuard guard;
        private final StatusApi status;
        private final RecordsApi records;
        private final FailuresApi failures;
        private final ConflictsApi conflicts;
        private final ReviewApi review;
        private final ControlApi control;

        Routes(ServiceControl service, ServerConfig config, Supplier<String> metrics, WebhookReceiver webhooks,
               Clock clock, ObjectMapper mapper) {
            this.config = config;
            this.metrics = metrics;
            this.webhooks = webhooks;
            this.mapper = mapper;
            this.signIns = SignIns.standard(clock);
            this.guard = new AccessGuard(config, signIns);
            this.status = new StatusApi(service, clock);
            this.records = new RecordsApi(service);
            this.failures = new FailuresApi(service);
            this.conflicts = new ConflictsApi(service);
            this.review = new ReviewApi(service);
            this.control = new ControlApi(service);
        }

        void register(io.javalin.config.JavalinConfig cfg) {
            var r = cfg.routes;
            r.before(this::guard);
            r.get("/", ctx -> asset(ctx, "index.html"));
            r.get("/assets/{file}", ctx -> asset(ctx, ctx.pathParam("file")));

            r.get("/api/session", this::sessionState);
            r.post("/api/session", this::signIn);
            r.delete("/api/session", this::signOut);

            r.get("/api/status", ctx -> ctx.json(status.status()));
            r.get("/api/search", ctx -> ctx.json(records.search(ctx.queryParam("q"), intParam(ctx, "limit", 20))));
            r.get("/api/connections/{c}/runs", ctx -> ctx.json(status.runs(ctx.pathParam("c"),
                    intParam(ctx, "offset", 0), intParam(ctx, "limit", 20))));
            r.get("/api/connections/{c}/records/{system}/{type}/{id}", ctx -> ctx.json(records.record(ctx.pathParam("c"),
                    new RecordRef(ctx.pathParam("system"), ctx.pathParam("type"), ctx.pathParam("id")))));
            r.get("/api/connections/{c}/failures", ctx -> ctx.json(failures.failures(ctx.pathParam("c"))));
            r.post("/api/connections/{c}/failures/retry", ctx -> ctx.json(failures.retry(ctx.pathParam("c"),
                    body(ctx, FailuresApi.RetryRequest.class, new FailuresApi.RetryRequest(null, null)))));
            r.get("/api/connections/{c}/conflicts", ctx -> ctx.json(conflicts.conflicts(ctx.pathParam("c"),
                    intParam(ctx, "limit", 100))));
            r.post("/api/connections/{c}/conflicts/{id}/restore", ctx -> ctx.json(conflicts.restore(ctx.pathParam("c"),
                    longPath(ctx, "id"))));
            r.get("/api/connections/{c}/review", ctx -> ctx.json(review.queue(ctx.pathParam("c"))));
            r.post("/api/connections/{c}/review/link", ctx -> ctx.json(review.link(ctx.pathParam("c"), decision(ctx))));
            r.post("/api/connections/{c}/review/create", ctx -> ctx.json(review.create(ctx.pathParam("c"), decision(ctx))));
            r.post("/api/connections/{c}/review/unlink", ctx -> ctx.json(review.unlink(ctx.pathParam("c"), decision(ctx))));
            r.post("/api/connections/{c}/cycle", ctx -> ctx.status(202).json(control.cycleNow(ctx.pathParam("c"))));
            r.post("/api/connections/{c}/pause", ctx -> ctx.json(control.pause(ctx.pathParam("c"))));
            r.post("/api/connections/{c}/resume", ctx -> ctx.json(control.resume(ctx.pathParam("c"))));

            r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.get()));
            r.post("/webhooks/zoho", this::webhook);

            r.exception(Denied.class, (e, ctx) -> {
                if (e.status == 401) {
                    ctx.header("WWW-Authenticate", "Bearer");
                }
                error(ctx, e.status, e.getMessage());
            });
            r.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            r.exception(Exception.class, (e, ctx) -> {
                LOG.warn("admin API: {} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error: " + e.getMessage());
            });
            r.error(404, ctx -> {
                if (ctx.attribute(ERROR_SENT) == null) {
                    error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path() + " (see the README's admin API)");
                }
            });
        }

        private void guard(Context ctx) {
            AccessGuard.Call call = new AccessGuard.Call(ctx.method().name(), ctx.path(), ctx::header,
                    ctx.cookie(AccessGuard.SESSION_COOKIE));
            AccessGuard.Verdict v = guard.check(call);
            if (v instanceof AccessGuard.Verdict.Deny d) {
                throw new Denied(d.status(), d.message());
            }
            ctx.header("Cache-Control", "no-store");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
        }

        private void asset(Context ctx, String file) throws IOException {
            int dot = file.lastIndexOf('.');
            String type = dot < 0 ? null : ASSET_TYPES.get(file.substring(dot + 1).toLowerCase(Locale.ROOT));
            InputStream in = type == null || file.contains("/") || file.contains("..") ? null
                    : AdminServer.class.getResourceAsStream(DASHBOARD + file);
            if (in == null) {
                throw ApiException.notFound("no dashboard file " + file);
            }
            try (in) {
                ctx.header("Content-Security-Policy", CSP);
                ctx.header("X-Frame-Options", "DENY");
                ctx.contentType(type).result(in.readAllBytes());
            }
        }

        // ------------------------------------------------------------------ sign-in

        /** Whether a token is needed, whether this browser is signed in, and its CSRF token when it is. */
        record SessionState(boolean tokenRequired, boolean signedIn, String csrf) {
        }

        record SignIn(String token) {
        }

        private void sessionState(Context ctx) {
            var s = signIns.find(ctx.cookie(AccessGuard.SESSION_COOKIE));
            ctx.json(new SessionState(guard.tokenRequired(), s.isPresent(), s.map(SignIns.Session::csrf).orElse(null)));
        }

        private void signIn(Context ctx) {
            SignIn in = body(ctx, SignIn.class, new SignIn(null));
            if (guard.tokenRequired() && !guard.isToken(in.token())) {
                throw new Denied(401, "that is not the server's token (server.token)");
            }
            SignIns.Session s = signIns.open();
            ctx.header("Set-Cookie", AccessGuard.SESSION_COOKIE + "=" + s.id() + "; Path=/; HttpOnly; SameSite=Strict"
                    + (secure(ctx) ? "; Secure" : ""));
            ctx.json(new SessionState(guard.tokenRequired(), true, s.csrf()));
        }

        private void signOut(Context ctx) {
            String id = ctx.cookie(AccessGuard.SESSION_COOKIE);
            var s = signIns.find(id);
            if (s.isPresent() && !s.get().csrf().equals(ctx.header(AccessGuard.CSRF_HEADER))) {
                throw new Denied(403, "refused: the " + AccessGuard.CSRF_HEADER + " header is missing or wrong");
            }
            signIns.close(id);
            ctx.header("Set-Cookie", AccessGuard.SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
            ctx.json(new SessionState(guard.tokenRequired(), false, null));
        }

        private boolean secure(Context ctx) {
            return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"))
                    || (config.publicUrl() != null && "https".equalsIgnoreCase(config.publicUrl().getScheme()));
        }

        // ------------------------------------------------------------------ webhooks

        private void webhook(Context ctx) {
            Map<String, String> headers = new LinkedHashMap<>();
            ctx.headerMap().forEach((k, v) -> headers.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
            int code = webhooks.receive(headers, ctx.body());
            ctx.status(code);
        }

        // ------------------------------------------------------------------ input

        private ReviewApi.Decision decision(Context ctx) {
            return body(ctx, ReviewApi.Decision.class, new ReviewApi.Decision(null, null));
        }

        private <T> T body(Context ctx, Class<T> type, T empty) {
            String text = ctx.body();
            if (text == null || text.isBlank()) {
                return empty;
            }
            try {
                T value = mapper.readValue(text, type);
                return value == null ? empty : value;
            } catch (JsonProcessingException e) {
                throw ApiException.badRequest("the body is not the JSON expected: " + e.getOriginalMessage());
            }
        }

        private static int intParam(Context ctx, String name, int fallback) {
            String v = ctx.queryParam(name);
            if (v == null || v.isBlank()) {
                return fallback;
            }
            try {
                return Integer.parseInt(v.strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(name + " must be a whole number, was '" + v + "'");
            }
        }

        private static long longPath(Context ctx, String name) {
            String v = ctx.pathParam(name);
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(name + " must be a whole number, was '" + v + "'");
            }
        }

        private void error(Context ctx, int code, String message) {
            ctx.attribute(ERROR_SENT, Boolean.TRUE);
            ctx.status(code).json(Map.of("status", code, "error", message == null ? "error" : message));
        }
    }

    /** A request the guard refused. */
    private static final class Denied extends RuntimeException {
        final int status;

        Denied(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
