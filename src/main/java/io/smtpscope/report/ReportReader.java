package io.smtpscope.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.smtpscope.report.UnreadableReportException.Reason;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.ShardLine;
import io.smtpscope.result.Tool;
import io.smtpscope.target.Shard;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way a saved scan is read back ({@code judge}, {@code diff}, {@code report --from}): a whole JSON report
 * ({@code --json}) or a JSON Lines stream ({@code --jsonl}), told apart by content. A file larger than the limit
 * is refused before parsing; a JSON report must carry {@link ScanReport#SCHEMA}. A JSONL file holds only
 * endpoints, so the report around them is synthesised (documented in {@code reports/FORMATS.md}):
 * {@code started_at}/{@code finished_at} are the file's modification time (the time of reading for stdin),
 * {@code profile} is {@value #JSONL_PROFILE}, {@code tool} is this smtpscope, {@code diagnosis} is empty,
 * {@code complete} is false when a line could not be read (a run killed mid-line), and every unreadable line
 * becomes an {@code input_errors} entry {@code FILE:LINE: reason}.
 */
public final class ReportReader {
    public static final String JSONL_PROFILE = "unknown (from JSONL)";
    /** A report of a large run is a few MB; refuse anything absurd before parsing it. */
    public static final long DEFAULT_MAX_BYTES = 512L * 1024 * 1024;
    /** The source name that means standard input. */
    public static final String STDIN = "-";

    private static final ObjectReader REPORT = Json.mapper().readerFor(ScanReport.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectReader ENDPOINT = Json.mapper().readerFor(EndpointResult.class);
    private static final ObjectReader SHARD_LINE = Json.mapper().readerFor(ShardLine.class);
    /** How a sharded stream's first and last lines begin; an endpoint line begins with its {@code target}. */
    private static final String SHARD_LINE_PREFIX = "{\"shard\":";

    private final Tool tool;
    private final long maxBytes;
    private final Clock clock;

    public ReportReader(Tool tool) {
        this(tool, DEFAULT_MAX_BYTES, Clock.systemUTC());
    }

    /** With another size limit and clock (tests). */
    public ReportReader(Tool tool, long maxBytes, Clock clock) {
        this.tool = tool;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** Where the bytes come from: opened twice (once to tell JSON from JSONL, once to parse). */
    private interface Source {
        InputStream open() throws IOException;

        /** The name in messages. */
        String label();

        /** The name before {@code :LINE} in a skipped JSONL line. */
        String lineLabel();

        Instant modified() throws IOException;
    }

    /** A file, or standard input when {@code source} is {@value #STDIN}. */
    public SavedReport read(String source) throws UnreadableReportException {
        if (source.equals(STDIN)) {
            return read(System.in, "stdin");
        }
        try {
            return read(Path.of(source));
        } catch (InvalidPathException e) {
            throw new UnreadableReportException(Reason.MISSING, "report file " + source + " is not a valid path");
        }
    }

    public SavedReport read(Path file) throws UnreadableReportException {
        String label = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new UnreadableReportException(Reason.MISSING, "report file " + label + " does not exist or is not a file");
        }
        try {
            if (Files.size(file) > maxBytes) {
                throw tooLarge("report file " + label);
            }
        } catch (IOException e) {
            throw unreadable(label, e);
        }
        return parse(new Source() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public String label() {
                return label;
            }

            @Override
            public String lineLabel() {
                return String.valueOf(file.getFileName());
            }

            @Override
            public Instant modified() throws IOException {
                return Files.getLastModifiedTime(file).toInstant();
            }
        });
    }

    /** A stream such as stdin: read whole (up to the limit) because it can be read only once. */
    public SavedReport read(InputStream in, String label) throws UnreadableReportException {
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw unreadable(label, e);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(label);
        }
        Instant now = clock.instant();
        return parse(new Source() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public String label() {
                return label;
            }

            @Override
            public String lineLabel() {
                return label;
            }

            @Override
            public Instant modified() {
                return now;
            }
        });
    }

    private SavedReport parse(Source source) throws UnreadableReportException {
        try {
            String first = firstNonBlankLine(source);
            if (first == null) {
                throw new UnreadableReportException(Reason.EMPTY, source.label() + " is empty");
            }
            return looksLikeOneEndpoint(first) ? readJsonl(source) : new SavedReport(readJson(source), List.of());
        } catch (CharacterCodingException e) {
            throw new UnreadableReportException(Reason.NOT_UTF8, source.label() + " is not UTF-8 text");
        } catch (IOException e) {
            throw unreadable(source.label(), e);
        }
    }

    private static ScanReport readJson(Source source) throws IOException, UnreadableReportException {
        ScanReport report;
        try (InputStream in = source.open()) {
            report = REPORT.readValue(in);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                    : " (line " + e.getLocation().getLineNr() + ")";
            throw new UnreadableReportException(Reason.NOT_A_REPORT, source.label()
                    + " is not a smtpscope JSON report or JSONL stream" + where + ": " + firstLine(e.getOriginalMessage()));
        }
        if (report == null || !ScanReport.SCHEMA.equals(report.schema())) {
            String found = report == null || report.schema() == null ? "" : ", found \"" + report.schema() + "\"";
            throw new UnreadableReportException(Reason.WRONG_SCHEMA, source.label()
                    + " is not a smtpscope report (expected \"schema\": \"" + ScanReport.SCHEMA + "\"" + found + ")");
        }
        for (int i = 0; i < report.endpoints().size(); i++) {
            if (!isWhole(report.endpoints().get(i))) {
                throw new UnreadableReportException(Reason.INCOMPLETE_ENDPOINT, source.label() + ": endpoint " + (i + 1)
                        + " lacks host, mode or reachability");
            }
        }
        return report;
    }

    /** JSONL: the first line is one complete object with the endpoint's own keys. */
    private static boolean looksLikeOneEndpoint(String line) {
        try {
            JsonNode node = Json.mapper().readTree(line);
            return node != null && node.isObject() && (node.has("reachability") && node.has("port")
                    || node.has("shard") && node.has("shard_line"));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private SavedReport readJsonl(Source source) throws IOException {
        List<EndpointResult> endpoints = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        ShardLine start = null;
        ShardLine end = null;
        try (BufferedReader in = utf8(source.open())) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = source.lineLabel() + ":" + number + ": ";
                ShardLine mark = line.startsWith(SHARD_LINE_PREFIX) ? shardLine(line) : null;
                if (mark != null) {
                    if (ShardLine.START.equals(mark.shardLine()) && start == null && endpoints.isEmpty()) {
                        start = mark;
                    } else if (ShardLine.END.equals(mark.shardLine()) && end == null) {
                        end = mark;
                    } else {
                        skipped.add(where + "unexpected shard line");
                    }
                    continue;
                }
                if (end != null) {
                    skipped.add(where + "endpoint after the shard's end line");
                    continue;
                }
                try {
                    EndpointResult e = ENDPOINT.readValue(line);
                    if (isWhole(e)) {
                        endpoints.add(e);
                    } else {
                        skipped.add(where + "not an endpoint object");
                    }
                } catch (JsonProcessingException e) {
                    skipped.add(where + "unreadable line (" + e.getOriginalMessage() + ")");
                }
            }
        }
        Instant modified = source.modified();
        if (start == null && end == null) {
            ScanReport report = new ScanReport(ScanReport.SCHEMA, tool, modified, modified, JSONL_PROFILE, endpoints, skipped,
                    skipped.isEmpty(), List.of());
            return new SavedReport(report, skipped);
        }
        return new SavedReport(shardReport(source.label(), start, end, endpoints, skipped, modified), skipped);
    }

    /**
     * The report of one shard's stream: the header from its start line, complete only when its end line is there
     * and counts every endpoint line read; otherwise an input error says how it was cut short.
     */
    private ScanReport shardReport(String label, ShardLine start, ShardLine end, List<EndpointResult> endpoints,
                                   List<String> skipped, Instant modified) {
        Shard shard = start != null ? start.shard() : end.shard();
        List<String> errors = new ArrayList<>();
        if (start != null && start.inputErrors() != null) {
            errors.addAll(start.inputErrors());
        }
        errors.addAll(skipped);
        String cut = null;
        if (start == null) {
            cut = label + ": shard " + shard + " has no start line (the file was not written whole)";
        } else if (end == null) {
            cut = label + ": shard " + shard + " was cut short: no end line, the scan stopped before it finished ("
                    + endpoints.size() + " endpoint(s) read)";
        } else if (!end.shard().equals(shard)) {
            cut = label + ": starts as shard " + shard + " but ends as shard " + end.shard();
        } else if (end.endpointCount() == null || end.endpointCount() != endpoints.size()) {
            cut = label + ": shard " + shard + " was cut short: its end line counts " + end.endpointCount()
                    + " endpoint(s), " + endpoints.size() + " read";
        }
        if (cut != null) {
            errors.add(cut);
        }
        boolean complete = cut == null && skipped.isEmpty();
        return new ScanReport(ScanReport.SCHEMA, start != null && start.tool() != null ? start.tool() : tool,
                start != null && start.startedAt() != null ? start.startedAt() : modified,
                end != null && end.finishedAt() != null ? end.finishedAt() : modified,
                start != null && start.profile() != null ? start.profile() : JSONL_PROFILE,
                endpoints, errors, complete, List.of(), null, shard);
    }

    /** A shard's start or end line, or null when the line is something else (then read as an endpoint). */
    private static ShardLine shardLine(String line) {
        try {
            ShardLine mark = SHARD_LINE.readValue(line);
            return mark != null && mark.shard() != null && mark.shardLine() != null ? mark : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static boolean isWhole(EndpointResult e) {
        return e != null && e.host() != null && e.mode() != null && e.reachability() != null;
    }

    private static String firstNonBlankLine(Source source) throws IOException {
        try (BufferedReader in = utf8(source.open())) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    return line;
                }
            }
            return null;
        }
    }

    /** Strict UTF-8: a malformed byte is an error, not a replacement character. */
    private static BufferedReader utf8(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    private UnreadableReportException tooLarge(String what) {
        String limit = maxBytes % (1024 * 1024) == 0 ? maxBytes / (1024 * 1024) + " MB" : maxBytes + " bytes";
        return new UnreadableReportException(Reason.TOO_LARGE, what + " is larger than " + limit);
    }

    private static UnreadableReportException unreadable(String label, IOException e) {
        return new UnreadableReportException(Reason.UNREADABLE, "cannot read " + label + ": " + e.getMessage());
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.split("\n")[0];
    }
}
