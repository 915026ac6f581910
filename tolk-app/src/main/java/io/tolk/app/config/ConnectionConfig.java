package io.tolk.app.config;

import java.util.List;

/** One PowerOffice client and one Zoho org kept in sync, with its policies and flow refinements. */
public record ConnectionConfig(String name, int line, PowerOfficeConfig poweroffice, ZohoConfig zoho, SyncConfig sync,
                               List<FlowConfig> flows) {
}
