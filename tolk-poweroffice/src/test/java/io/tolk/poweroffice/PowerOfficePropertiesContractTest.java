package io.tolk.poweroffice;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The property list the connector checks tolk.yaml against ({@link PowerOfficeProperties}) is exactly what
 * PowerOffice's OpenAPI document says its read DTOs hold: nothing missing (a valid filter would be refused) and nothing
 * more (a misspelt one would reach PowerOffice and come back as a 400).
 *
 * <p>The document is read from {@code tolk.contracts.dir} (default {@code ../../shared/contracts}); when it is absent
 * the test is skipped with the reason, unless {@code tolk.contracts.required} is {@code true} (CI), then it fails.
 */
class PowerOfficePropertiesContractTest {

    private static final String DOCUMENT = "poweroffice-go-v2.openapi.yaml";
    private static final Map<String, String> READ_DTO = Map.of(
            "Customers", "CustomerDto", "Departments", "DepartmentDto", "ContactPersons", "ContactPersonDto");

    private static OpenAPI api;

    @BeforeAll
    static void loadDocument() throws Exception {
        Path file = Path.of(System.getProperty("tolk.contracts.dir", "../../shared/contracts")).resolve(DOCUMENT);
        if (!Files.isRegularFile(file)) {
            String reason = "PowerOffice OpenAPI document not found at " + file.toAbsolutePath().normalize();
            if ("true".equalsIgnoreCase(System.getProperty("tolk.contracts.required"))) {
                fail(reason + " (tolk.contracts.required=true)");
            }
            Assumptions.abort(reason + ": contract test skipped");
        }
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(Files.readString(file));
        api = parsed.getOpenAPI();
        assertThat(api).as("the document parses: %s", parsed.getMessages()).isNotNull();
    }

    @Test
    void everyResourcesPropertyListEqualsItsReadDtoInTheOpenApiDocument() {
        assertThat(PowerOfficeProperties.resources()).containsExactlyInAnyOrderElementsOf(READ_DTO.keySet());
        READ_DTO.forEach((resource, dto) -> assertThat(PowerOfficeProperties.ofResource(resource).orElseThrow())
                .as("%s (%s)", resource, dto).containsExactlyInAnyOrderElementsOf(paths(dto)));
    }

    @Test
    void everyFieldTheConnectorWritesIsAPropertyItCanRead() {
        for (PoType t : PoType.values()) {
            assertThat(PowerOfficeProperties.ofType(t.typeName)).as(t.typeName).containsAll(t.fields().keySet());
        }
    }

    /** A DTO's properties as paths: an object property (a $ref to a schema with properties) gives {@code Name.Sub}. */
    @SuppressWarnings("rawtypes")
    private static Set<String> paths(String dto) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Set<String> out = new TreeSet<>();
        Map<String, Schema> properties = schemas.get(dto).getProperties();
        properties.forEach((name, schema) -> {
            Schema target = referenced(schemas, schema);
            if (target != null && target.getProperties() != null && !target.getProperties().isEmpty()) {
                ((Map<String, Schema>) target.getProperties()).keySet().forEach(sub -> out.add(name + "." + sub));
            } else {
                out.add(name);
            }
        });
        return out;
    }

    @SuppressWarnings("rawtypes")
    private static Schema referenced(Map<String, Schema> schemas, Schema schema) {
        String ref = schema.get$ref();
        if (ref == null && schema.getAllOf() != null && !schema.getAllOf().isEmpty()) {
            ref = ((Schema) schema.getAllOf().get(0)).get$ref();
        }
        return ref == null ? null : schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
    }
}
