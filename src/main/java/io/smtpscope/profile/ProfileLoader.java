package io.smtpscope.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smtpscope.finding.FindingCatalogue;
import io.smtpscope.finding.JudgePolicy;
import io.smtpscope.probe.ProbeSettings;
import io.smtpscope.result.Severity;
import io.smtpscope.target.Mode;
import io.smtpscope.tls.enumeration.EnumerationDepth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a profile by bundled name ({@code default}, {@code quick}, ...) or from a YAML file, following
 * {@code extends} chains. Every error names the file and line.
 */
public final class ProfileLoader {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");
    private static final int MAX_EXTENDS_DEPTH = 8;

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
        Profile parent = file.extendsProfile() == null ? Profile.builtIn() : resolve(file.extendsProfile(), chain);
        return merge(parent, file, source.label());
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
        } catch (JsonProcessingException e) {
            throw new ProfileException(where(source, e) + e.getOriginalMessage().split("\n")[0]);
        } catch (IOException e) {
            throw new ProfileException(source.label() + ": " + e.getMessage());
        }
    }

    private static String where(Source source, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 1 ? source.label() + ": "
                : source.label() + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": ";
    }

    private Profile merge(Profile parent, ProfileFile file, String label) throws ProfileException {
        List<Integer> ports = file.ports() != null ? file.ports() : parent.ports();
        for (int port : ports) {
            if (port < 1 || port > 65535) {
                throw new ProfileException(label + ": ports: " + port + " is not a port number (1-65535)");
            }
        }
        Map<Integer, Mode> modes = new HashMap<>(parent.modes());
        if (file.modes() != null) {
            for (var entry : file.modes().entrySet()) {
                try {
                    modes.put(entry.getKey(), Mode.parse(entry.getValue()));
                } catch (IllegalArgumentException e) {
                    throw new ProfileException(label + ": modes: port " + entry.getKey() + ": " + e.getMessage());
                }
            }
        }
        ProbeSettings probe = parent.probe();
        if (file.ehloName() != null) {
            probe = probe.withEhloName(file.ehloName());
        }
        if (file.tryStarttlsUnadvertised() != null) {
            probe = new ProbeSettings(probe.ehloName(), probe.connectTimeout(), probe.bannerTimeout(), probe.commandTimeout(),
                    probe.tlsTimeout(), probe.totalTimeout(), file.tryStarttlsUnadvertised(), probe.identifySilentService());
        }
        if (file.timeouts() != null) {
            ProfileFile.Timeouts t = file.timeouts();
            probe = probe.withTimeouts(
                    duration(t.connect(), probe.connectTimeout(), label, "timeouts.connect"),
                    duration(t.banner(), probe.bannerTimeout(), label, "timeouts.banner"),
                    duration(t.command(), probe.commandTimeout(), label, "timeouts.command"),
                    duration(t.tls(), probe.tlsTimeout(), label, "timeouts.tls"),
                    duration(t.total(), probe.totalTimeout(), label, "timeouts.total"));
        }
        JudgePolicy judge = parent.judge();
        int warnDays = judge.expiryWarnDays();
        int failDays = judge.expiryFailDays();
        if (file.thresholds() != null) {
            if (file.thresholds().certExpiryWarnDays() != null) {
                warnDays = file.thresholds().certExpiryWarnDays();
            }
            if (file.thresholds().certExpiryFailDays() != null) {
                failDays = file.thresholds().certExpiryFailDays();
            }
        }
        if (failDays > warnDays) {
            throw new ProfileException(label + ": thresholds: cert_expiry_fail_days (" + failDays
                    + ") must not exceed cert_expiry_warn_days (" + warnDays + ")");
        }
        Map<String, Severity> overrides = new HashMap<>(judge.severityOverrides());
        if (file.severity() != null) {
            for (var entry : file.severity().entrySet()) {
                if (!FindingCatalogue.bundled().contains(entry.getKey())) {
                    throw new ProfileException(label + ": severity: unknown finding id '" + entry.getKey()
                            + "' (see 'smtpscope findings')");
                }
                overrides.put(entry.getKey(), severity(entry.getValue(), label, "severity." + entry.getKey()));
            }
        }
        Severity failOn = file.failOn() != null ? severity(file.failOn(), label, "fail_on") : parent.failOn();
        String name = file.name() != null ? file.name() : label;
        String description = file.description() != null ? file.description() : parent.description();
        EnumerationDepth enumeration = parent.enumeration();
        if (file.enumeration() != null) {
            try {
                enumeration = EnumerationDepth.parse(file.enumeration());
            } catch (IllegalArgumentException e) {
                throw new ProfileException(label + ": enumeration: " + e.getMessage());
            }
        }
        return new Profile(name, description, ports, modes, probe, new JudgePolicy(warnDays, failDays, overrides), failOn,
                enumeration);
    }

    private static Severity severity(String text, String label, String key) throws ProfileException {
        try {
            return Severity.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ProfileException(label + ": " + key + ": " + e.getMessage());
        }
    }

    /** Parses {@code 500ms}, {@code 10s}, {@code 2m}. */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 500ms, 10s, 2m)");
        }
        long value = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(value);
            case "s" -> Duration.ofSeconds(value);
            default -> Duration.ofMinutes(value);
        };
        if (d.isZero() || d.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is outside 1ms..1h");
        }
        return d;
    }

    private static Duration duration(String text, Duration fallback, String label, String key) throws ProfileException {
        if (text == null) {
            return fallback;
        }
        try {
            return parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new ProfileException(label + ": " + key + ": " + e.getMessage());
        }
    }
}
