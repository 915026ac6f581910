package io.tolk.sim.zoho;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.tolk.sim.ContractDocuments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;

/**
 * Loads Zoho's official OpenAPI documents (found through {@link ContractDocuments}) and validates JSON against their
 * component schemas with swagger-request-validator's schema validator. When the documents are absent the calling test
 * is skipped with the reason, unless {@code tolk.contracts.required} is "true" (CI), in which case it fails.
 */
final class ZohoContracts {
  /** A difference from the document we accept knowingly: instance pointer pattern, message fragment, and why. */
  record Deviation(String pointerRegex, String messageFragment, String reason) {
    boolean covers(Problem p) {
      return Pattern.compile(pointerRegex).matcher(p.pointer()).matches() && p.message().contains(messageFragment);
    }
  }

  /** One validation problem: where in the instance, and what. */
  record Problem(String pointer, String message) {
    @Override
    public String toString() {
      return pointer + ": " + message;
    }
  }

  private final OpenAPI api;
  private final SchemaValidator validator;
  private final String file;

  private ZohoContracts(String file, OpenAPI api) {
    this.file = file;
    this.api = api;
    this.validator = new SchemaValidator(api, new MessageResolver());
  }

  /** Loads one document, or skips (fails under CI) when it is not there. */
  static ZohoContracts load(String fileName) {
    Path f = ContractDocuments.require(fileName);
    ParseOptions o = new ParseOptions();
    o.setResolve(true);
    OpenAPI api = new OpenAPIV3Parser().read(f.toUri().toString(), null, o);
    if (api == null) Assertions.fail("cannot parse " + f);
    return new ZohoContracts(fileName, api);
  }

  /** True if the document describes this status for the operation. */
  boolean describes(String pathTemplate, PathItem.HttpMethod method, int status) {
    PathItem item = api.getPaths().get(pathTemplate);
    if (item == null) return false;
    Operation op = item.readOperationsMap().get(method);
    return op != null && op.getResponses() != null && op.getResponses().containsKey(Integer.toString(status));
  }

  /**
   * Asserts {@code value} conforms to what the document declares for this status of the operation: the declared
   * content schema, or for a {@code oneOf} at least one of its branches (with the listed, explained deviations).
   * Fails when the document declares no such response.
   */
  void assertResponseConforms(String what, String pathTemplate, PathItem.HttpMethod method, int status, JsonNode value,
                              Deviation... accepted) {
    Operation op = api.getPaths().get(pathTemplate).readOperationsMap().get(method);
    ApiResponse response = op == null || op.getResponses() == null ? null : op.getResponses().get(Integer.toString(status));
    if (response != null && response.get$ref() != null) {
      String ref = response.get$ref();
      response = api.getComponents().getResponses().get(ref.substring(ref.lastIndexOf('/') + 1));
    }
    if (response == null || response.getContent() == null || response.getContent().get("application/json") == null) {
      Assertions.fail(file + " declares no JSON body for " + method + " " + pathTemplate + " " + status);
    }
    Schema<?> declared = response.getContent().get("application/json").getSchema();
    List<Schema> branches = declared.getOneOf() != null ? declared.getOneOf() : List.of(declared);
    List<String> report = new ArrayList<>();
    for (Schema<?> branch : branches) {
      List<Problem> left = new ArrayList<>();
      for (Problem p : problems(branch, value)) {
        boolean ok = false;
        for (Deviation d : accepted) ok |= d.covers(p);
        if (!ok) left.add(p);
      }
      if (left.isEmpty()) return;
      report.add((branch.get$ref() == null ? "schema" : branch.get$ref()) + ": "
          + String.join("; ", left.stream().map(Problem::toString).toList()));
    }
    Assertions.fail(what + " conforms to no schema " + file + " declares for " + method + " " + pathTemplate + " " + status
        + ":\n  " + String.join("\n  ", report) + "\nbody: " + value);
  }

  private List<Problem> problems(Schema<?> schema, JsonNode value) {
    ValidationReport report = validator.validate(value.toString(), schema, "zoho");
    List<Problem> out = new ArrayList<>();
    for (ValidationReport.Message m : report.getMessages()) collect(m, out);
    return out;
  }

  /** Problems of {@code value} against component schema {@code schemaName}. */
  List<Problem> problems(String schemaName, JsonNode value) {
    Schema<?> schema = new Schema<>().$ref("#/components/schemas/" + schemaName);
    if (api.getComponents().getSchemas().get(schemaName) == null) {
      throw new IllegalArgumentException(file + " has no schema " + schemaName);
    }
    return problems(schema, value);
  }

  private static void collect(ValidationReport.Message m, List<Problem> out) {
    if (!m.getNestedMessages().isEmpty()) {
      for (ValidationReport.Message n : m.getNestedMessages()) collect(n, out);
      return;
    }
    String pointer = m.getContext().flatMap(ValidationReport.MessageContext::getPointers)
        .map(ValidationReport.MessageContext.Pointers::getInstance).orElse("");
    out.add(new Problem(pointer, m.getMessage()));
  }

  /** Asserts {@code value} conforms to the schema except for the listed, explained deviations. */
  void assertConforms(String what, String schemaName, JsonNode value, Deviation... accepted) {
    List<Problem> left = new ArrayList<>();
    for (Problem p : problems(schemaName, value)) {
      boolean ok = false;
      for (Deviation d : accepted) ok |= d.covers(p);
      if (!ok) left.add(p);
    }
    if (!left.isEmpty()) {
      Assertions.fail(what + " does not conform to " + file + "#/components/schemas/" + schemaName + ":\n  "
          + String.join("\n  ", left.stream().map(Problem::toString).toList()) + "\nbody: " + value);
    }
  }
}
