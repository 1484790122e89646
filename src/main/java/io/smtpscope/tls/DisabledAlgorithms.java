package io.smtpscope.tls;

import javax.crypto.interfaces.DHKey;
import javax.crypto.spec.DHParameterSpec;
import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.security.Security;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.InvalidParameterSpecException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A {@code jdk.tls.disabledAlgorithms} value (java.security syntax) as the {@link AlgorithmConstraints} of one
 * engine. JSSE applies an engine's constraints <em>in addition to</em> the process-wide property, so these
 * restore the JDK's policy on the engines that carry something worth protecting, and only there.
 *
 * <p>It reads entries the way the JDK does: an algorithm name, matched against the name and its parts (a cipher
 * suite's key exchange, cipher and MAC; {@code SHA256withRSA} is SHA256 and RSA); a {@code TLS_} wildcard such
 * as {@code TLS_RSA_*}; {@code NAME keySize OP N}; {@code include PROPERTY}. One difference is deliberate: an
 * entry limited to a usage or a date ({@code rsa_pkcs1_sha1 usage HandshakeSignature}, {@code jdkCA},
 * {@code denyAfter}) disables the name everywhere, because an engine's constraints are not told which scope is
 * being checked. Where it differs from the JDK it is stricter, never looser.
 */
final class DisabledAlgorithms implements AlgorithmConstraints {
    private static final Pattern CONDITION = Pattern.compile("(?i)(keySize|usage|jdkCA|denyAfter)\\b.*");
    private static final Pattern KEY_SIZE = Pattern.compile("keySize\\s*(<=|>=|==|!=|<|>)\\s*(\\d{1,6})");
    /** How the JDK splits {@code SHA256withRSA}, {@code SHA256withECDSAinP1363Format}, {@code RSA/ECB/...}. */
    private static final Pattern NAME_PARTS = Pattern.compile("with|and|(?<!padd)in", Pattern.CASE_INSENSITIVE);
    private static final Map<String, String> DIGEST_ALIASES = Map.of("SHA-1", "SHA1", "SHA-224", "SHA224",
            "SHA-256", "SHA256", "SHA-384", "SHA384", "SHA-512", "SHA512");
    /** Names the JDK adds for a cipher suite's parts (SSLAlgorithmDecomposer) that the suite's name does not spell. */
    private static final Map<String, List<String>> SUITE_PART_ALIASES = Map.of(
            "DHE", List.of("DH", "DiffieHellman"), "DH", List.of("DiffieHellman"), "DSS", List.of("DSA"),
            "3DES", List.of("DESede"), "SHA", List.of("SHA1", "SHA-1", "HmacSHA1"), "MD5", List.of("HmacMD5"),
            "SHA256", List.of("SHA-256", "HmacSHA256"), "SHA384", List.of("SHA-384", "HmacSHA384"),
            "CHACHA20", List.of("ChaCha20-Poly1305"));

    private record KeySizeRule(String algorithm, String operator, int bits) {
        boolean applies(String keyAlgorithm) {
            return sameKeyAlgorithm(algorithm, keyAlgorithm);
        }

        /** JDK semantics: a size of 0 is always refused, an unknown size (negative) never. */
        boolean refuses(int size) {
            if (size == 0) {
                return true;
            }
            if (size < 0) {
                return false;
            }
            return switch (operator) {
                case "<" -> size < bits;
                case "<=" -> size <= bits;
                case ">" -> size > bits;
                case ">=" -> size >= bits;
                case "==" -> size == bits;
                default -> size != bits;
            };
        }
    }

    private final Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final List<Pattern> wildcards = new ArrayList<>();
    private final List<KeySizeRule> keySizes = new ArrayList<>();

    private DisabledAlgorithms() {
    }

    /** The constraints a property value describes; {@code include PROPERTY} is read from the security properties. */
    static DisabledAlgorithms parse(String propertyValue) {
        DisabledAlgorithms parsed = new DisabledAlgorithms();
        parsed.add(propertyValue, true);
        return parsed;
    }

    private void add(String value, boolean allowInclude) {
        if (value == null) {
            return;
        }
        String text = value.strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        for (String raw : text.split(",")) {
            String entry = raw.strip().replaceAll("\\s+", " ");
            if (!entry.isEmpty()) {
                addEntry(entry, allowInclude);
            }
        }
    }

    private void addEntry(String entry, boolean allowInclude) {
        if (entry.regionMatches(true, 0, "include ", 0, 8)) {
            if (allowInclude) {
                add(Security.getProperty(entry.substring(8).strip()), false);
            }
            return;
        }
        int space = entry.indexOf(' ');
        String name = space < 0 ? entry : entry.substring(0, space);
        String condition = space < 0 ? "" : entry.substring(space + 1);
        if (condition.isEmpty() || !CONDITION.matcher(condition).matches()) {
            addName(entry); // a plain name, or a curve name of several words ("X9.62 prime192v1")
            return;
        }
        var keySize = KEY_SIZE.matcher(condition);
        if (keySize.find()) {
            // Other conditions joined with '&' only narrow a JDK rule; ignoring them keeps this one stricter.
            keySizes.add(new KeySizeRule(name, keySize.group(1), Integer.parseInt(keySize.group(2))));
        } else {
            addName(name); // usage, jdkCA, denyAfter: refused everywhere (see the class comment)
        }
    }

    private void addName(String name) {
        if (name.contains("*")) {
            // Only '*' is special, as in the JDK; every other character is literal, whatever it is.
            String regex = Arrays.stream(name.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
            wildcards.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
        } else {
            names.add(DIGEST_ALIASES.getOrDefault(name.toUpperCase(Locale.ROOT), name));
        }
    }

    /** True when {@code algorithm} (a protocol, suite, group, signature scheme or algorithm name) is allowed. */
    boolean permitsName(String algorithm) {
        if (algorithm == null || algorithm.isEmpty()) {
            return true;
        }
        if (names.contains(algorithm) || wildcards.stream().anyMatch(w -> w.matcher(algorithm).matches())) {
            return false;
        }
        return parts(algorithm).stream().noneMatch(names::contains);
    }

    /** The parts of a name the JDK checks too: a cipher suite's components, or the pieces of {@code AwithB}. */
    static Set<String> parts(String algorithm) {
        Set<String> parts = new HashSet<>();
        if (algorithm.startsWith("TLS_") || algorithm.startsWith("SSL_")) {
            String[] tokens = algorithm.substring(4).split("_");
            // Every run of adjacent tokens: "3DES_EDE_CBC", "ECDHE_RSA", "DH_anon", "RC4_128", "AES_128_GCM" ...
            for (int from = 0; from < tokens.length; from++) {
                StringBuilder run = new StringBuilder();
                for (int to = from; to < tokens.length; to++) {
                    run.append(to > from ? "_" : "").append(tokens[to]);
                    parts.add(run.toString());
                }
                parts.addAll(SUITE_PART_ALIASES.getOrDefault(tokens[from].toUpperCase(Locale.ROOT), List.of()));
            }
            return parts;
        }
        for (String piece : algorithm.split("/")) {
            for (String part : NAME_PARTS.split(piece)) {
                if (!part.isEmpty()) {
                    parts.add(part);
                    parts.add(DIGEST_ALIASES.getOrDefault(part.toUpperCase(Locale.ROOT), part));
                }
            }
        }
        return parts;
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
        if (!permitsName(algorithm)) {
            return false;
        }
        return parameters == null || keySizes.stream().filter(r -> r.applies(parameters.getAlgorithm()))
                .noneMatch(r -> r.refuses(bits(parameters)));
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
        if (!permitsName(key.getAlgorithm()) || curveNames(key).stream().anyMatch(c -> !permitsName(c))) {
            return false;
        }
        return keySizes.stream().filter(r -> r.applies(key.getAlgorithm())).noneMatch(r -> r.refuses(bits(key)));
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters parameters) {
        return (algorithm == null || algorithm.isEmpty() || permits(primitives, algorithm, parameters))
                && permits(primitives, key);
    }

    private static boolean sameKeyAlgorithm(String a, String b) {
        return normalKeyAlgorithm(a).equalsIgnoreCase(normalKeyAlgorithm(b));
    }

    private static String normalKeyAlgorithm(String name) {
        return name != null && name.equalsIgnoreCase("DiffieHellman") ? "DH" : String.valueOf(name);
    }

    /** The key size as the JDK counts it (modulus, prime or group order bits); -1 when unknown. */
    static int bits(Key key) {
        return switch (key) {
            case RSAKey rsa -> rsa.getModulus().bitLength();
            case ECKey ec -> ec.getParams().getOrder().bitLength();
            case DHKey dh -> dh.getParams().getP().bitLength();
            case DSAKey dsa -> dsa.getParams() == null ? -1 : dsa.getParams().getP().bitLength();
            default -> -1;
        };
    }

    private static int bits(AlgorithmParameters parameters) {
        try {
            return switch (normalKeyAlgorithm(parameters.getAlgorithm()).toUpperCase(Locale.ROOT)) {
                case "EC" -> parameters.getParameterSpec(ECParameterSpec.class).getOrder().bitLength();
                case "DH" -> parameters.getParameterSpec(DHParameterSpec.class).getP().bitLength();
                default -> -1;
            };
        } catch (InvalidParameterSpecException e) {
            return -1;
        }
    }

    /** An EC key's curve by its names and aliases ("secp256r1", "NIST P-256", "X9.62 prime256v1", its OID). */
    private static List<String> curveNames(Key key) {
        if (!(key instanceof ECKey ec)) {
            return List.of();
        }
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(ec.getParams());
            List<String> out = new ArrayList<>();
            for (String name : parameters.toString().split("[\\[\\](),]")) {
                if (!name.isBlank()) {
                    out.add(name.strip());
                }
            }
            return out;
        } catch (java.security.GeneralSecurityException e) {
            return List.of(); // an unnamed curve: its size is still checked
        }
    }
}
