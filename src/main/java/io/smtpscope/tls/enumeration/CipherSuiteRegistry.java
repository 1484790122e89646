package io.smtpscope.tls.enumeration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The cipher suite table ({@code cipher-suites.tsv}, data not code): code to IANA name and attributes. */
public final class CipherSuiteRegistry {
    private static final CipherSuiteRegistry BUNDLED = load();

    private final Map<Integer, CipherSuite> byCode;
    // Derived once: every hello asks for its version's list, and judging looks suites up by name (a JFR profile of
    // a 100-endpoint enumeration showed these as streams over the whole table, ~10 % of the scanner's own samples).
    private final Map<String, CipherSuite> byName;
    private final List<CipherSuite> tls13;
    private final List<CipherSuite> legacy;

    CipherSuiteRegistry(List<CipherSuite> suites) {
        Map<Integer, CipherSuite> map = new LinkedHashMap<>();
        Map<String, CipherSuite> names = new java.util.HashMap<>();
        for (CipherSuite suite : suites) {
            if (map.put(suite.code(), suite) != null) {
                throw new IllegalStateException("duplicate cipher suite code " + hex(suite.code()));
            }
            names.putIfAbsent(suite.name(), suite);
        }
        this.byCode = Collections.unmodifiableMap(map);
        this.byName = Map.copyOf(names);
        this.tls13 = map.values().stream().filter(CipherSuite::tls13).toList();
        this.legacy = map.values().stream().filter(s -> !s.tls13()).toList();
    }

    public static CipherSuiteRegistry bundled() {
        return BUNDLED;
    }

    public Optional<CipherSuite> byCode(int code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** The IANA name, or {@code UNKNOWN_0xABCD} for a code the registry does not know. */
    public String name(int code) {
        CipherSuite suite = byCode.get(code);
        return suite != null ? suite.name() : "UNKNOWN_" + hex(code);
    }

    public Optional<CipherSuite> byName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    /** Suites offered in TLS 1.3 hellos (RFC 8446 section 4.1.2). */
    public List<CipherSuite> tls13() {
        return tls13;
    }

    /** Suites offered in SSLv3 to TLS 1.2 hellos. */
    public List<CipherSuite> legacy() {
        return legacy;
    }

    public int size() {
        return byCode.size();
    }

    public static String hex(int code) {
        return String.format("0x%04X", code);
    }

    private static CipherSuiteRegistry load() {
        try (InputStream in = CipherSuiteRegistry.class.getResourceAsStream("cipher-suites.tsv")) {
            if (in == null) {
                throw new IllegalStateException("cipher-suites.tsv missing from the jar");
            }
            List<CipherSuite> suites = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 8 || !f[0].startsWith("0x")) {
                    throw new IllegalStateException("cipher-suites.tsv line " + lineNo + ": expected 8 columns");
                }
                Set<String> flags = f[7].equals("-") ? Set.of() : Set.copyOf(Arrays.asList(f[7].split(",")));
                suites.add(new CipherSuite(Integer.parseInt(f[0].substring(2), 16), f[1], f[2].equals("tls13"),
                        f[3], f[4], f[5], f[6], flags));
            }
            return new CipherSuiteRegistry(suites);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
