package io.smtpscope.reproduce;

import io.smtpscope.target.Mode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ManualCommandsTest {
    @Test
    void starttlsScan() {
        assertEquals(List.of("openssl s_client -starttls smtp -connect 192.0.2.1:587 -servername mail.example.com -crlf",
                        "swaks --server 192.0.2.1 --port 587 --tls --tls-sni mail.example.com --quit-after EHLO"),
                ManualCommands.of(ManualCommands.Request.scan("192.0.2.1", 587, Mode.STARTTLS, "mail.example.com")));
    }

    @Test
    void implicitTlsOnIpv6() {
        assertEquals(List.of("openssl s_client -connect '[::1]:465' -servername mail.example.com -crlf",
                        "swaks --server '[::1]:465' --tlsc --tls-sni mail.example.com --quit-after EHLO"),
                ManualCommands.of(ManualCommands.Request.scan("::1", 465, Mode.IMPLICIT_TLS, "mail.example.com")));
    }

    @Test
    void plainHasNoTlsAndNoSniForLiterals() {
        assertEquals(List.of("nc -C 127.0.0.1 25", "swaks --server 127.0.0.1 --port 25 --quit-after EHLO"),
                ManualCommands.of(ManualCommands.Request.scan("127.0.0.1", 25, Mode.PLAIN, "127.0.0.1")));
        assertEquals("openssl s_client -starttls smtp -connect '[2001:db8::1]:25' -crlf",
                ManualCommands.of(ManualCommands.Request.scan("2001:db8::1", 25, Mode.STARTTLS, "2001:db8::1")).get(0));
    }

    @Test
    void sendQuotesWhatTheShellWouldSplitAndNeverHasAPassword() {
        List<String> commands = ManualCommands.of(new ManualCommands.Request("192.0.2.1", 587, Mode.STARTTLS, "mx.example.com",
                ManualCommands.Step.SEND, "o'brien@example.com", "LOGIN", "a@example.com", List.of("b@example.net", "c@example.net"),
                List.of("my report.pdf")));
        assertEquals("swaks --server 192.0.2.1 --port 587 --tls --tls-sni mx.example.com --auth LOGIN --auth-user 'o'\\''brien@example.com'"
                + " --from a@example.com --to b@example.net,c@example.net --attach @'my report.pdf'", commands.get(1));
    }
}
