package io.smtpscope.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Tool;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a saved scan back: either a whole JSON report ({@code --json}) or a JSON Lines stream
 * ({@code --jsonl}). A JSONL file holds only endpoints, so the report around them is synthesised
 * (documented in {@code reports/FORMATS.md}): {@code started_at}/{@code finished_at} are the file's
 * modification time, {@code profile} is {@code "unknown (from JSONL)"}, {@code tool} is this smtpscope,
 * {@code diagnosis} is empty, {@code complete} is false when a line could not be read (a run killed
 * mid-line), true otherwise, and every unreadable line becomes an {@code input_errors} entry.
 */
public final class ReportReader {
    public static final String JSONL_PROFILE = "unknown (from JSONL)";

    /** Something that is neither a report nor JSON Lines of endpoints: the message says where. */
    public static final class UnreadableReportException extends Exception {
        public UnreadableReportException(String message) {
            super(message);
        }
    }

    private final Tool tool;

    public ReportReader(Tool tool) {
        this.tool = tool;
    }

    public ScanReport read(Path file) throws IOException, UnreadableReportException {
        String first = firstNonBlankLine(file);
        if (first == null) {
            throw new UnreadableReportException(file + " is empty");
        }
        if (looksLikeOneEndpoint(first)) {
            return readJsonl(file);
        }
        try {
            ScanReport report = Json.mapper().readValue(file.toFile(), ScanReport.class);
            if (report.schema() == null || report.endpoints() == null) {
                throw new UnreadableReportException(file + " is JSON but not an smtpscope report (no 'schema')");
            }
            return report;
        } catch (JsonProcessingException e) {
            throw new UnreadableReportException(file + " is not an smtpscope JSON report or JSONL stream: "
                    + e.getOriginalMessage());
        }
    }

    /** JSONL: the first line is one complete object with the endpoint's own keys. */
    private static boolean looksLikeOneEndpoint(String line) {
        try {
            JsonNode node = Json.mapper().readTree(line);
            return node != null && node.isObject() && node.has("reachability") && node.has("port");
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private ScanReport readJsonl(Path file) throws IOException {
        List<EndpointResult> endpoints = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    EndpointResult e = Json.mapper().readValue(line, EndpointResult.class);
                    if (e.host() == null || e.mode() == null || e.reachability() == null) {
                        errors.add(file.getFileName() + ":" + number + ": not an endpoint object");
                    } else {
                        endpoints.add(e);
                    }
                } catch (JsonProcessingException e) {
                    errors.add(file.getFileName() + ":" + number + ": unreadable line (" + e.getOriginalMessage() + ")");
                }
            }
        }
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        return new ScanReport(ScanReport.SCHEMA, tool, modified, modified, JSONL_PROFILE, endpoints, errors,
                errors.isEmpty(), List.of());
    }

    private static String firstNonBlankLine(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    return line;
                }
            }
            return null;
        }
    }
}
