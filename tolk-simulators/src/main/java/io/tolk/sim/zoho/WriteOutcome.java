package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/**
 * The result of one write call: per-record items in request order, the HTTP status Zoho would answer with, and the
 * ids changed per operation (for notifications and counters).
 */
public record WriteOutcome(ArrayNode items, int status, List<Long> inserted, List<Long> updated, List<Long> deleted) {
  public int changedCount() {
    return inserted.size() + updated.size() + deleted.size();
  }
}
