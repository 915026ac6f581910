package io.tolk.sim.common;

import java.time.Duration;
import java.util.Locale;

/**
 * Parsed {@code --faults} spec, e.g. {@code "latency=50ms,error=0.2,throttle=0.1,drop=0.05,stall=0.02,lag=1s,seed=42"}.
 * Every item is optional. Shares are probabilities between 0 and 1 per READ/WRITE request and together may not exceed 1
 * (one random draw per request picks at most one of throttle, error, drop, stall). Durations take the units
 * {@code ms}, {@code s} and {@code m}; a bare number means milliseconds. The seed defaults to 0, so every run is repeatable.
 */
public record Faults(Duration latency, double error, double throttle, double drop, double stall, Duration lag, long seed) {
  /** No faults at all. */
  public static final Faults NONE = new Faults(Duration.ZERO, 0, 0, 0, 0, Duration.ZERO, 0);

  private static final String KNOWN = "latency, error, throttle, drop, stall, lag, seed";

  public Faults {
    latency = latency == null ? Duration.ZERO : latency;
    lag = lag == null ? Duration.ZERO : lag;
    if (latency.isNegative() || lag.isNegative()) {
      throw new IllegalArgumentException("--faults: latency and lag must not be negative");
    }
    checkShare("error", error);
    checkShare("throttle", throttle);
    checkShare("drop", drop);
    checkShare("stall", stall);
    if (error + throttle + drop + stall > 1.0 + 1e-9) {
      throw new IllegalArgumentException("--faults: the shares error+throttle+drop+stall add up to more than 1");
    }
  }

  private static void checkShare(String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException("bad value '" + v + "' for fault '" + name + "' in --faults: expected a share between 0 and 1");
    }
  }

  /** Parses a spec; null or blank gives {@link #NONE}. Throws IllegalArgumentException naming the bad item. */
  public static Faults parse(String spec) {
    if (spec == null || spec.isBlank()) {
      return NONE;
    }
    Duration latency = Duration.ZERO;
    Duration lag = Duration.ZERO;
    double error = 0;
    double throttle = 0;
    double drop = 0;
    double stall = 0;
    long seed = 0;
    for (String raw : spec.split(",")) {
      String item = raw.trim();
      if (item.isEmpty()) {
        continue;
      }
      int eq = item.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("bad item '" + item + "' in --faults: expected name=value (known: " + KNOWN + ")");
      }
      String name = item.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = item.substring(eq + 1).trim();
      switch (name) {
        case "latency" -> latency = duration(name, value);
        case "lag" -> lag = duration(name, value);
        case "error" -> error = share(name, value);
        case "throttle" -> throttle = share(name, value);
        case "drop" -> drop = share(name, value);
        case "stall" -> stall = share(name, value);
        case "seed" -> {
          try {
            seed = Long.parseLong(value);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad value '" + value + "' for fault 'seed' in --faults: expected a whole number");
          }
        }
        default -> throw new IllegalArgumentException(
            "unknown fault '" + item.substring(0, eq).trim() + "' in --faults (known: " + KNOWN + ")");
      }
    }
    return new Faults(latency, error, throttle, drop, stall, lag, seed);
  }

  private static double share(String name, String value) {
    double v;
    try {
      v = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad value '" + value + "' for fault '" + name + "' in --faults: expected a share between 0 and 1");
    }
    checkShare(name, v);
    return v;
  }

  private static Duration duration(String name, String value) {
    String v = value.toLowerCase(Locale.ROOT);
    try {
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
      } else if (v.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
      } else if (v.endsWith("m")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 60_000));
      } else {
        return Duration.ofMillis(Long.parseLong(v));
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad value '" + value + "' for fault '" + name
          + "' in --faults: expected a duration such as 50ms, 1s or 2m");
    }
  }

  /** True when nothing is injected (lag included). */
  public boolean isNone() {
    return latency.isZero() && lag.isZero() && error == 0 && throttle == 0 && drop == 0 && stall == 0;
  }

  /** The spec that {@link #parse(String)} turns back into this value ("" for none). */
  public String toSpec() {
    StringBuilder sb = new StringBuilder();
    if (!latency.isZero()) sb.append(",latency=").append(latency.toMillis()).append("ms");
    if (error > 0) sb.append(",error=").append(error);
    if (throttle > 0) sb.append(",throttle=").append(throttle);
    if (drop > 0) sb.append(",drop=").append(drop);
    if (stall > 0) sb.append(",stall=").append(stall);
    if (!lag.isZero()) sb.append(",lag=").append(lag.toMillis()).append("ms");
    if (seed != 0) sb.append(",seed=").append(seed);
    return sb.length() == 0 ? "" : sb.substring(1);
  }
}
