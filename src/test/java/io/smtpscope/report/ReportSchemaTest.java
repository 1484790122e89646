package io.smtpscope.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.smtpscope.demo.DemoEnvironment;
import io.smtpscope.engine.Resolver;
import io.smtpscope.app.ScanRequest;
import io.smtpscope.app.ScanService;
import io.smtpscope.profile.Profile;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Tool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed JSON Schema describes what the writer produces, for every kind of endpoint the demo shows. */
class ReportSchemaTest {
    private static JsonSchema schema;
    private static ScanReport demoReport;

    @BeforeAll
    static void scanDemo() throws Exception {
        try (InputStream in = ReportSchemaTest.class.getResourceAsStream("/io/smtpscope/report/report-v1.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        try (DemoEnvironment demo = DemoEnvironment.start()) {
            Profile profile = Profile.builtIn().withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5),
                    Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(20));
            demoReport = new ScanService(new Tool("smtpscope", "test")).run(new ScanRequest(demo.targets(), List.of("x:1: bad"),
                    profile, Optional.empty(), demo.overrides(), demo.trustAnchors(), 4, 2, false, Resolver.system(),
                    Clock.systemUTC()), r -> { });
        }
    }

    private static JsonNode written(ScanReport report) throws Exception {
        StringWriter out = new StringWriter();
        new JsonReportWriter().write(report, out);
        return Json.mapper().readTree(out.toString());
    }

    @Test
    void demoReportValidatesAgainstTheSchema() throws Exception {
        JsonNode json = written(demoReport);
        Set<ValidationMessage> errors = schema.validate(json);
        assertTrue(errors.isEmpty(), () -> "schema violations: " + errors);
        assertEquals("smtpscope/report/v1", json.get("schema").asText());
        assertEquals(5, json.get("endpoints").size());
    }

    @Test
    void schemaRejectsARenamedContractField() throws Exception {
        JsonNode json = written(demoReport);
        var endpoint = (com.fasterxml.jackson.databind.node.ObjectNode) json.get("endpoints").get(0);
        endpoint.set("reach", endpoint.remove("reachability"));
        assertFalse(schema.validate(json).isEmpty(), "a report without 'reachability' must not validate");
    }

    @Test
    void reportRoundTripsThroughJackson() throws Exception {
        StringWriter out = new StringWriter();
        new JsonReportWriter().write(demoReport, out);
        ScanReport back = Json.mapper().readValue(out.toString(), ScanReport.class);
        assertEquals(demoReport, back);
    }
}
