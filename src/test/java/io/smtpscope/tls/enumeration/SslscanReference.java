package io.smtpscope.tls.enumeration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What sslscan (an independent implementation on OpenSSL) finds on an endpoint: the reference the
 * integration tests compare our enumeration with, so the expected sets are not written from our own output.
 */
record SslscanReference(Map<String, Boolean> protocols, Map<String, Set<String>> suites,
                        Map<String, Set<String>> groups, Integer minDheBits, String raw) {
    private static final Pattern PROTOCOL = Pattern.compile("<protocol type=\"(ssl|tls)\" version=\"([0-9.]+)\" enabled=\"([01])\"");
    private static final Pattern GROUP = Pattern.compile("<group sslversion=\"([^\"]+)\"[^>]*? id=\"0x([0-9A-Fa-f]{4})\"");
    private static final Pattern DHE_BITS = Pattern.compile("<cipher [^>]*? dhebits=\"(\\d+)\"");
    private static final Pattern CIPHER = Pattern.compile("<cipher status=\"(?:accepted|preferred)\" sslversion=\"([^\"]+)\"[^>]*? id=\"0x([0-9A-Fa-f]{4})\"");

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/sslscan"));
    }

    static SslscanReference scanStartTls(String host, int port) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/usr/bin/sslscan", "--no-colour", "--xml=-", "--starttls-smtp", host + ":" + port)
                .redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readNBytes(4 * 1024 * 1024);
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("sslscan did not finish within 180 s");
        }
        return parse(new String(out, StandardCharsets.UTF_8));
    }

    static SslscanReference parse(String xml) {
        Map<String, Boolean> protocols = new LinkedHashMap<>();
        Matcher p = PROTOCOL.matcher(xml);
        while (p.find()) {
            String label = p.group(1).equals("ssl") ? "SSLv" + p.group(2) : p.group(2).equals("1.0") ? "TLSv1" : "TLSv" + p.group(2);
            protocols.put(label, p.group(3).equals("1"));
        }
        Map<String, Set<String>> suites = new LinkedHashMap<>();
        Matcher c = CIPHER.matcher(xml);
        while (c.find()) {
            String version = c.group(1).equals("TLSv1.0") ? "TLSv1" : c.group(1);
            suites.computeIfAbsent(version, k -> new LinkedHashSet<>())
                    .add(CipherSuiteRegistry.bundled().name(Integer.parseInt(c.group(2), 16)));
        }
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        Matcher g = GROUP.matcher(xml);
        while (g.find()) {
            groups.computeIfAbsent(g.group(1), k -> new LinkedHashSet<>()).add(NamedGroup.name(Integer.parseInt(g.group(2), 16)));
        }
        Integer minDhe = null;
        Matcher d = DHE_BITS.matcher(xml);
        while (d.find()) {
            int bits = Integer.parseInt(d.group(1));
            minDhe = minDhe == null ? bits : Math.min(minDhe, bits);
        }
        return new SslscanReference(protocols, suites, groups, minDhe, xml);
    }
}
