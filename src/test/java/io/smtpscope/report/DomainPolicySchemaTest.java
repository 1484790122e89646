package io.smtpscope.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.smtpscope.finding.DomainFindings;
import io.smtpscope.result.Finding;
import io.smtpscope.result.HttpsFetchStatus;
import io.smtpscope.result.MtaStsMode;
import io.smtpscope.result.MtaStsPolicy;
import io.smtpscope.result.MtaStsResult;
import io.smtpscope.result.MxCoverage;
import io.smtpscope.result.PolicyFetch;
import io.smtpscope.result.TlsRptResult;
import io.smtpscope.result.TxtStatus;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MTA-STS and TLS-RPT results as the report's Jackson setup writes them, against their schema $defs. */
class DomainPolicySchemaTest {
    private static JsonSchema definition(String name) throws Exception {
        try (InputStream in = DomainPolicySchemaTest.class.getResourceAsStream("/io/smtpscope/report/report-v1.schema.json")) {
            ObjectNode schema = (ObjectNode) Json.mapper().readTree(in);
            ObjectNode wrapper = Json.mapper().createObjectNode();
            wrapper.put("$schema", schema.get("$schema").asText());
            wrapper.set("$defs", schema.get("$defs"));
            wrapper.put("$ref", "#/$defs/" + name);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(wrapper);
        }
    }

    private static JsonNode json(Object value) throws Exception {
        return Json.mapper().readTree(Json.mapper().writeValueAsString(value));
    }

    private static Finding finding(String id) {
        DomainFindings out = new DomainFindings("a.test");
        out.emit(id, Map.of());
        return out.findings().get(0);
    }

    @Test
    void aFullMtaStsResultMatchesItsSchema() throws Exception {
        MtaStsResult result = new MtaStsResult("a.test", "_mta-sts.a.test", TxtStatus.FOUND, null, null,
                List.of("v=STSv1; id=1"), "1",
                new PolicyFetch("https://mta-sts.a.test/.well-known/mta-sts.txt", HttpsFetchStatus.OK, 200, "text/plain",
                        90, true, null, null, null),
                new MtaStsPolicy("STSv1", MtaStsMode.ENFORCE, 604800L, List.of("mx.a.test")), "a".repeat(64),
                List.of(new MxCoverage("mx.a.test", "mx.a.test", true), new MxCoverage("mx.b.test", null, null)),
                List.of(finding("MTA_STS_MX_NOT_COVERED")));
        JsonNode node = json(result);
        Set<ValidationMessage> errors = definition("mta_sts").validate(node);
        assertTrue(errors.isEmpty(), errors::toString);
        assertEquals("found", node.get("dns_status").asText());
        assertEquals("enforce", node.at("/policy/mode").asText());
        assertEquals(604800, node.at("/policy/max_age").asInt());
        assertEquals(200, node.at("/fetch/http_status").asInt());
        assertTrue(node.has("policy_sha256") && node.has("mx_coverage"));
        assertTrue(node.at("/mx_coverage/1/matched_pattern").isNull());
        assertEquals(result, Json.mapper().treeToValue(node, MtaStsResult.class), "reads back");
    }

    @Test
    void anEmptyMtaStsResultAndATlsRptResultMatchTheirSchemas() throws Exception {
        MtaStsResult failed = new MtaStsResult("a.test", "_mta-sts.a.test", TxtStatus.FAILED, null, "SERVFAIL", List.of(),
                null, null, null, null, List.of(), List.of(finding("MTA_STS_DNS_FAILED")));
        assertTrue(definition("mta_sts").validate(json(failed)).isEmpty());
        TlsRptResult rpt = new TlsRptResult("a.test", "_smtp._tls.a.test", TxtStatus.NO_RECORDS, false, null, List.of(),
                List.of(), true, List.of(finding("TLS_RPT_LEGACY_NAME")));
        JsonNode node = json(rpt);
        Set<ValidationMessage> errors = definition("tls_rpt").validate(node);
        assertTrue(errors.isEmpty(), errors::toString);
        assertEquals("no_records", node.get("dns_status").asText());
        assertTrue(node.get("legacy_record").asBoolean());
    }

    @Test
    void theSchemaRejectsUndocumentedOrRenamedFields() throws Exception {
        ObjectNode node = (ObjectNode) json(new TlsRptResult("a.test", "_smtp._tls.a.test", TxtStatus.FOUND, null, null,
                List.of("v=TLSRPTv1; rua=mailto:a@a.test"), List.of("mailto:a@a.test"), false, List.of()));
        node.set("ruas", node.remove("rua"));
        assertFalse(definition("tls_rpt").validate(node).isEmpty());
    }
}
