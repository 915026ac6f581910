package io.tolk.sim.zoho;

import java.time.Instant;
import java.util.List;

/**
 * One notification channel ({@code /actions/watch}).
 *
 * @param events                    e.g. "Accounts.all", "Contacts.edit"
 * @param returnAffectedFieldValues whether callbacks carry affected_values
 */
public record WatchChannel(String channelId, List<String> events, Instant expiry, String token, String notifyUrl,
                           boolean returnAffectedFieldValues) {
  public WatchChannel {
    events = List.copyOf(events);
  }

  /** True if a change of {@code operation} (insert|update|delete) in {@code module} is watched. */
  public boolean watches(ZohoModule module, String operation) {
    String sub = switch (operation) {
      case "insert" -> "create";
      case "update" -> "edit";
      default -> operation;
    };
    for (String e : events) {
      int dot = e.indexOf('.');
      if (dot < 0) continue;
      if (!e.substring(0, dot).equalsIgnoreCase(module.apiName())) continue;
      String op = e.substring(dot + 1);
      if (op.equals("all") || op.equals(sub)) return true;
    }
    return false;
  }
}
