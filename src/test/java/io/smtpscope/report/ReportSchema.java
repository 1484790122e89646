package io.smtpscope.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed report schema, for tests that produce reports: every object in it forbids undocumented
 * fields, so a field added to the report without its schema entry fails whichever test meets it first.
 */
public final class ReportSchema {
    private static final JsonSchema SCHEMA = load();

    private ReportSchema() {
    }

    private static JsonSchema load() {
        try (InputStream in = ReportSchema.class.getResourceAsStream("/io/smtpscope/report/report-v1.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Set<ValidationMessage> violations(JsonNode report) {
        return SCHEMA.validate(report);
    }

    public static void assertValid(JsonNode report) {
        Set<ValidationMessage> errors = violations(report);
        assertTrue(errors.isEmpty(), () -> "report violates report-v1.schema.json: " + errors);
    }
}
