package io.tolk.sim.common;

/** The simulator-specific shapes the shared server needs: error bodies differ per vendor. */
public interface ErrorShapes {
  /** The vendor's 429 (PowerOffice: Retry-After + APIM body; Zoho: TOO_MANY_REQUESTS). */
  SimResponse throttled(SimRequest request);

  /** 500/503 in the vendor's shape. Must not contain a stack trace. */
  SimResponse serverError(SimRequest request, int status);

  /** Unknown path. */
  SimResponse notFound(SimRequest request);

  /** Known path, method not supported there. */
  SimResponse methodNotAllowed(SimRequest request);

  /** Unparseable JSON, wrong types, too large body... */
  SimResponse malformed(SimRequest request, String problem);
}
