package io.smtpscope.tls.enumeration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code openssl ciphers -V LIST}: how OpenSSL orders a cipher list, as IANA names (the reference for server order). */
final class OpensslCiphers {
    private static final Pattern LINE = Pattern.compile("0x([0-9A-F]{2}),0x([0-9A-F]{2}) - ");

    private OpensslCiphers() {
    }

    static List<String> expand(String list) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("openssl", "ciphers", "-V", list)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readNBytes(1 << 20), StandardCharsets.US_ASCII);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("openssl ciphers failed for " + list);
        }
        List<String> names = new ArrayList<>();
        Matcher m = LINE.matcher(out);
        while (m.find()) {
            int code = Integer.parseInt(m.group(1) + m.group(2), 16);
            if (code >> 8 != 0x13) { // TLS 1.3 suites are listed first whatever the list says
                names.add(CipherSuiteRegistry.bundled().name(code));
            }
        }
        return names;
    }
}
