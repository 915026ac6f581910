package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The notification channels and their callbacks. After a write, {@link #publish} POSTs Zoho's callback JSON to every
 * live channel watching that module and operation, on a background thread; delivery failures are ignored (as Zoho
 * does not retry either). Expired channels stop receiving and are dropped. The delivery thread and HTTP client are
 * made with the first callback, so an org that is never watched costs neither.
 */
public final class Notifier implements AutoCloseable {
  private final Map<String, WatchChannel> channels = new ConcurrentHashMap<>();
  private final ObjectMapper mapper;
  private final Clock clock;
  private final java.util.function.Supplier<String> baseUrl;
  private ExecutorService executor;
  private HttpClient http;
  private boolean closed;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public Notifier(ObjectMapper mapper, Clock clock, java.util.function.Supplier<String> baseUrl) {
    this.mapper = mapper;
    this.clock = clock;
    this.baseUrl = baseUrl;
  }

  /** The delivery thread, made on first use; after {@link #close()} one that refuses every task. */
  private synchronized ExecutorService executor() {
    if (executor == null) {
      executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "zoho-sim-notifier");
        t.setDaemon(true);
        return t;
      });
      http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      if (closed) executor.shutdownNow();
    }
    return executor;
  }

  private synchronized HttpClient http() {
    return http;
  }

  public void put(WatchChannel c) {
    channels.put(c.channelId(), c);
  }

  public WatchChannel get(String channelId) {
    WatchChannel c = channels.get(channelId);
    if (c != null && !clock.instant().isBefore(c.expiry())) {
      channels.remove(channelId);
      return null;
    }
    return c;
  }

  public boolean remove(String channelId) {
    return channels.remove(channelId) != null;
  }

  /** Live channels. */
  public List<WatchChannel> channels() {
    Instant now = clock.instant();
    channels.values().removeIf(c -> !now.isBefore(c.expiry()));
    return new ArrayList<>(channels.values());
  }

  /** True if any channel (live or not yet noticed as expired) exists. */
  public boolean hasChannels() {
    return !channels.isEmpty();
  }

  public void clear() {
    channels.clear();
  }

  public long delivered() {
    return delivered.get();
  }

  public long failed() {
    return failed.get();
  }

  /** Sends callbacks for a change; {@code values} (id -> changed field values) feeds affected_values when asked for. */
  public void publish(ZohoModule module, String operation, Collection<Long> ids, Map<Long, ObjectNode> values) {
    if (ids.isEmpty() || channels.isEmpty()) return;
    long serverTime = clock.millis();
    for (WatchChannel c : channels()) {
      if (!c.watches(module, operation)) continue;
      ObjectNode body = mapper.createObjectNode();
      body.put("server_time", serverTime);
      body.putObject("query_params");
      body.put("module", module.apiName());
      body.put("resource_uri", baseUrl.get() + "/crm/v8/" + module.apiName());
      var idArray = body.putArray("ids");
      ids.forEach(id -> idArray.add(Long.toString(id)));
      body.putArray("affected_fields");
      if (c.returnAffectedFieldValues() && values != null) {
        var av = body.putArray("affected_values");
        for (Long id : ids) {
          ObjectNode v = values.get(id);
          if (v == null) continue;
          ObjectNode item = av.addObject();
          item.put("record_id", Long.toString(id));
          item.set("values", v);
        }
      }
      body.put("operation", operation);
      body.put("channel_id", c.channelId());
      if (c.token() == null) body.putNull("token");
      else body.put("token", c.token());
      send(c.notifyUrl(), body);
    }
  }

  private void send(String url, ObjectNode body) {
    byte[] bytes;
    try {
      bytes = mapper.writeValueAsBytes(body);
    } catch (Exception e) {
      return;
    }
    try {
      executor().execute(() -> {
        try {
          HttpRequest rq = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
          HttpResponse<Void> rs = http().send(rq, HttpResponse.BodyHandlers.discarding());
          if (rs.statusCode() / 100 == 2) delivered.incrementAndGet();
          else failed.incrementAndGet();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception e) {
          failed.incrementAndGet();
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      failed.incrementAndGet();
    }
  }

  @Override
  public void close() {
    ExecutorService running;
    synchronized (this) {
      closed = true;
      running = executor;
    }
    if (running == null) return;
    running.shutdownNow();
    try {
      running.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
