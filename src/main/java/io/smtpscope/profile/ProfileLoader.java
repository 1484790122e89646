package io.smtpscope.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smtpscope.finding.FindingCatalogue;
import io.smtpscope.finding.JudgePolicy;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.result.Severity;
import io.smtpscope.text.Printable;
import io.smtpscope.target.FanOutLimits;
import io.smtpscope.target.HostSyntax;
import io.smtpscope.target.Mode;
import io.smtpscope.tls.enumeration.EnumerationDepth;
import io.smtpscope.vuln.CheckCatalogue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a profile by bundled name ({@code default}, {@code quick}, ...) or from a YAML file, following
 * {@code extends} chains. Every error names the file and line.
 */
public final class ProfileLoader {
    private static final int MAX_EXTENDS_DEPTH = 8;
    /** Jackson names the offending text as: String value ("soon") / from String "soon". */
    private static final Pattern QUOTED_VALUE = Pattern.compile("(?:value \\(|from String )\"([^\"]*)\"");

    private final ObjectMapper yaml = strictYaml();

    /** Unknown keys fail, and "21" (text) is not silently taken for a number, nor "yes" for a boolean. */
    private static ObjectMapper strictYaml() {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Boolean, LogicalType.Float)) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    public static boolean isFileReference(String nameOrPath) {
        return nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml") || nameOrPath.contains("/")
                || nameOrPath.contains(java.io.File.separator);
    }

    public Profile load(String nameOrPath) throws ProfileException {
        return resolve(nameOrPath, new LinkedHashSet<>());
    }

    private Profile resolve(String nameOrPath, Set<String> chain) throws ProfileException {
        if (!chain.add(nameOrPath)) {
            throw new ProfileException("profile " + nameOrPath + " extends itself (chain: " + String.join(" -> ", chain) + ")");
        }
        if (chain.size() > MAX_EXTENDS_DEPTH) {
            throw new ProfileException("profile extends chain deeper than " + MAX_EXTENDS_DEPTH + ": " + String.join(" -> ", chain));
        }
        Source source = open(nameOrPath);
        ProfileFile file = parse(source);
        KeyLines lines = KeyLines.of(source.content());
        Profile parent;
        try {
            parent = file.extendsProfile() == null ? Profile.builtIn() : resolve(file.extendsProfile(), chain);
        } catch (ProfileException e) {
            // Say which file asked for the parent, and where.
            throw new ProfileException(lines.where(source.label(), "extends") + e.getMessage());
        }
        return merge(parent, file, source.label(), lines);
    }

    private record Source(String label, byte[] content) {
    }

    private Source open(String nameOrPath) throws ProfileException {
        if (isFileReference(nameOrPath)) {
            Path path = Path.of(nameOrPath);
            if (!Files.isRegularFile(path)) {
                throw new ProfileException("profile file " + nameOrPath + " does not exist");
            }
            try {
                return new Source(nameOrPath, Files.readAllBytes(path));
            } catch (IOException e) {
                throw new ProfileException("cannot read profile file " + nameOrPath + ": " + e.getMessage());
            }
        }
        if (!nameOrPath.matches("[A-Za-z0-9_-]+")) {
            throw new ProfileException("invalid profile name '" + nameOrPath + "'");
        }
        try (InputStream in = ProfileLoader.class.getResourceAsStream("/profiles/" + nameOrPath + ".yaml")) {
            if (in == null) {
                throw new ProfileException("no bundled profile named '" + nameOrPath + "' (bundled: "
                        + String.join(", ", BundledProfiles.names()) + "; or give a path to a .yaml file)");
            }
            return new Source("profiles/" + nameOrPath + ".yaml", in.readAllBytes());
        } catch (IOException e) {
            throw new ProfileException("cannot read bundled profile " + nameOrPath + ": " + e.getMessage());
        }
    }

    private ProfileFile parse(Source source) throws ProfileException {
        try {
            ProfileFile file = yaml.readValue(source.content(), ProfileFile.class);
            if (file == null) {
                throw new ProfileException(source.label() + ": the profile is empty");
            }
            return file;
        } catch (UnrecognizedPropertyException e) {
            throw new ProfileException(where(source, e) + "unknown key '" + e.getPropertyName() + "'"
                    + " (known keys here: " + String.join(", ", e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()) + ")");
        } catch (MismatchedInputException e) {
            throw new ProfileException(where(source, e) + wrongType(e));
        } catch (JsonProcessingException e) {
            throw new ProfileException(where(source, e) + e.getOriginalMessage().split("\n")[0]);
        } catch (IOException e) {
            throw new ProfileException(source.label() + ": " + e.getMessage());
        }
    }

    /** "thresholds.cert_expiry_warn_days: expected a whole number, got 'soon'" rather than Java type names. */
    private static String wrongType(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        String got = e instanceof InvalidFormatException f && f.getValue() != null ? ", got '" + f.getValue() + "'" : "";
        Matcher value = QUOTED_VALUE.matcher(String.valueOf(e.getOriginalMessage()));
        if (got.isEmpty() && value.find()) {
            got = ", got '" + Printable.escapeControls(Printable.shorten(value.group(1), 60)) + "'";
        }
        return (path.isEmpty() ? "" : path + ": ") + "expected " + expected(e.getTargetType()) + got;
    }

    /** The dotted key path of a binding error, as {@link KeyLines} records it (list indexes dropped). */
    private static String keyPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a different kind of value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single value (text)";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list such as [25, 587]";
        }
        return "a mapping (key: value lines)";
    }

    private static String where(Source source, JsonProcessingException e) {
        // The parser's location is where it stopped reading, often the line after the culprit: prefer the key's own line.
        if (e instanceof JsonMappingException mapping) {
            Optional<Integer> line = KeyLines.of(source.content()).line(keyPath(mapping));
            if (line.isPresent()) {
                return source.label() + ":" + line.get() + ": ";
            }
        }
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 1 ? source.label() + ": "
                : source.label() + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": ";
    }

    private Profile merge(Profile parent, ProfileFile file, String label, KeyLines at) throws ProfileException {
        List<Integer> ports = file.ports() != null ? file.ports() : parent.ports();
        for (int port : ports) {
            if (port < 1 || port > 65535) {
                throw new ProfileException(at.where(label, "ports") + port + " is not a port number (1-65535)");
            }
        }
        Map<Integer, Mode> modes = new HashMap<>(parent.modes());
        if (file.modes() != null) {
            for (var entry : file.modes().entrySet()) {
                try {
                    modes.put(entry.getKey(), Mode.parse(String.valueOf(entry.getValue())));
                } catch (IllegalArgumentException e) {
                    throw new ProfileException(at.where(label, "modes." + entry.getKey()) + e.getMessage());
                }
            }
        }
        ProbeSettings probe = parent.probe();
        if (file.ehloName() != null) {
            try {
                probe = probe.withEhloName(file.ehloName());
            } catch (IllegalArgumentException e) {
                throw new ProfileException(at.where(label, "ehlo_name") + e.getMessage());
            }
        }
        probe = probe.withSwitches(
                file.tryStarttlsUnadvertised() != null ? file.tryStarttlsUnadvertised() : probe.tryStartTlsUnadvertised(),
                file.identifySilentService() != null ? file.identifySilentService() : probe.identifySilentService(),
                file.reverseDns() != null ? file.reverseDns() : probe.reverseDns());
        if (file.timeouts() != null) {
            ProfileFile.Timeouts t = file.timeouts();
            probe = probe.withTimeouts(
                    duration(t.connect(), probe.connectTimeout(), label, at, "timeouts.connect"),
                    duration(t.banner(), probe.bannerTimeout(), label, at, "timeouts.banner"),
                    duration(t.command(), probe.commandTimeout(), label, at, "timeouts.command"),
                    duration(t.tls(), probe.tlsTimeout(), label, at, "timeouts.tls"),
                    duration(t.total(), probe.totalTimeout(), label, at, "timeouts.total"));
        }
        JudgePolicy judge = thresholds(parent.judge(), file.thresholds(), label, at);
        Map<String, Severity> overrides = new HashMap<>(judge.severityOverrides());
        if (file.severity() != null) {
            for (var entry : file.severity().entrySet()) {
                if (!FindingCatalogue.bundled().contains(entry.getKey())) {
                    throw new ProfileException(at.where(label, "severity." + entry.getKey()) + "unknown finding id '"
                            + entry.getKey() + "' (see 'smtpscope findings')");
                }
                overrides.put(entry.getKey(), severity(entry.getValue(), label, at, "severity." + entry.getKey()));
            }
        }
        judge = new JudgePolicy(judge.expiryWarnDays(), judge.expiryFailDays(), overrides, judge.slowBannerMillis(),
                judge.minRsaBits(), judge.minTlsVersion());
        Severity failOn = file.failOn() != null ? severity(file.failOn(), label, at, "fail_on") : parent.failOn();
        String name = file.name() != null ? file.name() : label;
        String description = file.description() != null ? file.description() : parent.description();
        EnumerationDepth enumeration = parent.enumeration();
        if (file.enumeration() != null) {
            try {
                enumeration = EnumerationDepth.parse(file.enumeration());
            } catch (IllegalArgumentException e) {
                throw new ProfileException(at.where(label, "enumeration") + e.getMessage());
            }
        }
        List<String> checks = parent.vulnerabilityChecks();
        if (file.vulnerabilityChecks() != null) {
            try {
                checks = CheckCatalogue.resolve(file.vulnerabilityChecks());
            } catch (IllegalArgumentException e) {
                throw new ProfileException(at.where(label, "vulnerability_checks") + e.getMessage());
            }
        }
        return new Profile(name, description, ports, modes, probe, judge, failOn, enumeration,
                fanOut(parent.fanOut(), file.fanOut(), label, at), checks);
    }

    private static FanOutLimits fanOut(FanOutLimits parent, ProfileFile.FanOut f, String label, KeyLines at)
            throws ProfileException {
        if (f == null) {
            return parent;
        }
        int mxHosts = limit(f.maxMxHosts(), parent.maxMxHosts(), label, at, "fan_out.max_mx_hosts");
        int addresses = limit(f.maxAddresses(), parent.maxAddresses(), label, at, "fan_out.max_addresses");
        return new FanOutLimits(mxHosts, addresses);
    }

    private static int limit(Integer value, int fallback, String label, KeyLines at, String key) throws ProfileException {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > FanOutLimits.MAX) {
            throw new ProfileException(at.where(label, key) + value + " is outside 1.." + FanOutLimits.MAX);
        }
        return value;
    }

    private static JudgePolicy thresholds(JudgePolicy parent, ProfileFile.Thresholds t, String label, KeyLines at)
            throws ProfileException {
        if (t == null) {
            return parent;
        }
        int warnDays = t.certExpiryWarnDays() != null ? t.certExpiryWarnDays() : parent.expiryWarnDays();
        int failDays = t.certExpiryFailDays() != null ? t.certExpiryFailDays() : parent.expiryFailDays();
        if (warnDays < 0 || failDays < 0) {
            throw new ProfileException(at.where(label, warnDays < 0 ? "thresholds.cert_expiry_warn_days"
                    : "thresholds.cert_expiry_fail_days") + "must not be negative");
        }
        if (failDays > warnDays) {
            throw new ProfileException(at.where(label, "thresholds.cert_expiry_fail_days") + failDays
                    + " must not exceed cert_expiry_warn_days (" + warnDays + ")");
        }
        long slowBanner = t.slowBanner() == null ? parent.slowBannerMillis()
                : duration(t.slowBanner(), null, label, at, "thresholds.slow_banner").toMillis();
        int minRsa = t.minRsaBits() != null ? t.minRsaBits() : parent.minRsaBits();
        if (minRsa < 512 || minRsa > 16384) {
            throw new ProfileException(at.where(label, "thresholds.min_rsa_bits") + minRsa + " is outside 512..16384");
        }
        String minTls = t.minTlsVersion() != null ? t.minTlsVersion() : parent.minTlsVersion();
        if (JudgePolicy.tlsRank(minTls) < 0) {
            throw new ProfileException(at.where(label, "thresholds.min_tls_version") + "unknown TLS version '" + minTls
                    + "' (expected one of " + String.join(", ", JudgePolicy.TLS_VERSIONS) + ")");
        }
        return new JudgePolicy(warnDays, failDays, parent.severityOverrides(), slowBanner, minRsa, minTls);
    }

    private static Severity severity(String text, String label, KeyLines at, String key) throws ProfileException {
        try {
            return Severity.parse(String.valueOf(text));
        } catch (IllegalArgumentException e) {
            throw new ProfileException(at.where(label, key) + e.getMessage());
        }
    }

    /** Parses {@code 500ms}, {@code 10s}, {@code 2m}. */
    public static Duration parseDuration(String text) {
        return Durations.parse(text, Duration.ofMillis(1), Duration.ofHours(1), "duration", "500ms, 10s, 2m");
    }

    private static Duration duration(String text, Duration fallback, String label, KeyLines at, String key)
            throws ProfileException {
        if (text == null) {
            return fallback;
        }
        try {
            return parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new ProfileException(at.where(label, key) + e.getMessage());
        }
    }
}
