package io.tolk.sim.poweroffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The semantic rules PowerOffice applies to a whole record (after POST defaults, or after a PATCH). Every
 * failure is a 400 "&lt;Entity&gt; validation error(s)" whose detail names the field. Uniqueness rules live with
 * the store (they need its indexes).
 * <p>ASSUMPTIONS: e-mail addresses are checked for a plausible shape (local@domain.tld) on customers and contact
 * persons alike (the document says contact persons' are "validated for typos"); CountryCode must be an ISO 3166-1
 * alpha-2 code known to the JDK (upper case; "Norway" is refused); CurrencyCode must be an ISO 4217 code; customer
 * Number must be within 10000..999999999.</p>
 */
final class Validation {
  static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s;,]+@[^@\\s;,]+\\.[A-Za-z]{2,}$");
  static final long MIN_NUMBER = 10_000L;
  static final long MAX_NUMBER = 999_999_999L;

  private final Problems problems;

  Validation(Problems problems) {
    this.problems = problems;
  }

  void lengths(Schema schema, ObjectNode row, String prefix, String entity) {
    for (Field f : schema.fields) {
      JsonNode v = row.get(f.name());
      if (v == null || v.isNull()) {
        continue;
      }
      if (f.type() == FieldType.OBJECT && v.isObject()) {
        lengths(f.nested(), (ObjectNode) v, prefix + f.name() + ".", entity);
      } else if (f.maxLength() > 0 && v.isTextual() && v.asText().length() > f.maxLength()) {
        throw problems.validation(entity, prefix + f.name() + " can not be longer than " + f.maxLength()
            + " characters (was " + v.asText().length() + ").");
      }
    }
  }

  void country(JsonNode address, String prefix, String entity) {
    if (address == null || !address.isObject()) {
      return;
    }
    JsonNode cc = address.get("CountryCode");
    if (cc != null && !cc.isNull() && !COUNTRIES.contains(cc.asText())) {
      throw problems.validation(entity, prefix + "CountryCode '" + cc.asText()
          + "' is not a valid ISO 3166-1 alpha-2 country code.");
    }
  }

  void email(ObjectNode row, String field, String entity) {
    JsonNode v = row.get(field);
    if (v != null && !v.isNull() && !v.asText().isEmpty() && !EMAIL.matcher(v.asText()).matches()) {
      throw problems.validation(entity, field + " '" + v.asText() + "' is not a valid e-mail address.");
    }
  }

  void required(ObjectNode row, String field, String entity, String when) {
    JsonNode v = row.get(field);
    if (v == null || v.isNull() || v.asText().isBlank()) {
      throw problems.validation(entity, field + " is required" + when + ".");
    }
  }

  void customer(ObjectNode row) {
    String e = "Customer";
    if (row.path("IsPerson").asBoolean(false)) {
      required(row, "FirstName", e, " when IsPerson is true");
      required(row, "LastName", e, " when IsPerson is true");
    } else {
      required(row, "Name", e, " when IsPerson is false");
    }
    lengths(Schemas.CUSTOMER, row, "", e);
    country(row.get("MailAddress"), "MailAddress.", e);
    email(row, "EmailAddress", e);
    email(row, "InvoiceEmailAddress", e);
    email(row, "PaymentReminderEmailAddress", e);
    JsonNode cur = row.get("CurrencyCode");
    if (cur != null && !cur.isNull()) {
      try {
        Currency.getInstance(cur.asText());
        if (!cur.asText().equals(cur.asText().toUpperCase(Locale.ROOT))) {
          throw new IllegalArgumentException();
        }
      } catch (IllegalArgumentException ex) {
        throw problems.validation(e, "CurrencyCode '" + cur.asText() + "' is not a valid ISO 4217 currency code.");
      }
    }
    JsonNode number = row.get("Number");
    if (number != null && !number.isNull() && (number.asLong() < MIN_NUMBER || number.asLong() > MAX_NUMBER)) {
      throw problems.validation(e, "Number " + number.asLong() + " is outside the customer ledger number series ("
          + MIN_NUMBER + "-" + MAX_NUMBER + ").");
    }
    JsonNode allowance = row.get("Allowance");
    if (allowance != null && !allowance.isNull() && (allowance.asDouble() < -1000 || allowance.asDouble() > 100)) {
      throw problems.validation(e, "Allowance must be between -1000 and 100.");
    }
    JsonNode rate = row.get("BillableRate");
    if (rate != null && !rate.isNull() && rate.asDouble() < 0) {
      throw problems.validation(e, "BillableRate must be a positive number.");
    }
  }

  void department(ObjectNode row) {
    required(row, "Name", "Department", "");
    lengths(Schemas.DEPARTMENT, row, "", "Department");
  }

  void contactPerson(ObjectNode row) {
    String e = "ContactPerson";
    required(row, "FirstName", e, "");
    required(row, "LastName", e, "");
    lengths(Schemas.CONTACT_PERSON, row, "", e);
    country(row.get("MailAddress"), "MailAddress.", e);
    email(row, "EmailAddress", e);
  }

  /** On POST, a given MailAddress needs City and ZipCode (AddressPostDto / ContactAddressPostDto). */
  void postedAddress(JsonNode address, String entity) {
    if (address == null || !address.isObject()) {
      return;
    }
    for (String f : new String[] {"City", "ZipCode"}) {
      JsonNode v = address.get(f);
      if (v == null || v.isNull() || v.asText().isBlank()) {
        throw problems.validation(entity, "MailAddress." + f + " is required when MailAddress is given.");
      }
    }
  }
}
