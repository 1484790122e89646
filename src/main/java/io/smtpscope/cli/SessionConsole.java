package io.smtpscope.cli;

import io.smtpscope.mail.SendReport;
import io.smtpscope.mail.TransactionStep;
import io.smtpscope.report.AtomicFiles;
import io.smtpscope.report.Json;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.session.AuthOutcome;
import io.smtpscope.session.LoginReport;
import io.smtpscope.session.SessionError;
import io.smtpscope.session.SessionInfo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Human text for login and send-test results, and their JSON output. Everything printed is already redacted. */
final class SessionConsole {
    private SessionConsole() {
    }

    static void login(LoginReport report, PrintWriter out) {
        session(report.session(), out);
        if (report.error() != null) {
            error(report.error(), out);
        }
        auth(report.auth(), out);
        tail(report.transcript(), report.reproduce(), out);
    }

    static void send(SendReport report, PrintWriter out) {
        session(report.session(), out);
        if (report.error() != null) {
            error(report.error(), out);
        }
        if (report.auth() != null) {
            auth(report.auth(), out);
        }
        out.println("Message-ID: " + report.messageId());
        for (TransactionStep step : report.steps()) {
            out.printf("%-4s %s -> %d %s%n", step.ok() ? "ok" : "FAIL", step.command(), step.code(), firstLine(step.text()));
            out.println("       " + step.explanation());
        }
        out.println(report.accepted()
                ? "Result: ACCEPTED: the server took the message" + (report.queueId() != null ? " (queue id " + report.queueId() + ")" : "")
                : "Result: NOT SENT");
        tail(report.transcript(), report.reproduce(), out);
    }

    private static void session(SessionInfo s, PrintWriter out) {
        out.println("Server: " + s.target() + " (" + s.address() + " port " + s.port() + ", " + s.mode() + ")");
        if (s.tls() != null) {
            out.println("TLS: " + s.tls().protocol() + ", " + s.tls().cipherSuite());
        } else {
            out.println("TLS: none (the session is not encrypted)");
        }
        CertificateResult c = s.certificate();
        if (c != null) {
            out.println("Certificate: " + (c.trusted() ? "trusted" : "NOT trusted (" + c.trustError() + ")")
                    + ", name " + c.nameChecked() + (c.nameMatches() ? " matches" : " does NOT match")
                    + (c.expired() ? ", EXPIRED" : "") + (c.notYetValid() ? ", not yet valid" : ""));
        }
    }

    private static void auth(AuthOutcome a, PrintWriter out) {
        out.println("AUTH offered: " + (a.mechanismsOffered().isEmpty() ? "(none)" : String.join(" ", a.mechanismsOffered()))
                + (a.mechanism() != null ? "; used: " + a.mechanism() : "") + "; user: " + a.user());
        out.println("Login: " + (a.success() ? "SUCCESS" : "FAILED") + " (" + a.status() + ")"
                + (a.replyCode() != null ? "; the server said: " + a.replyCode() + " " + firstLine(a.serverText()) : ""));
        out.println("  " + a.explanation());
        list("Most likely causes:", a.likelyCauses(), out);
        list("What to try:", a.whatToTry(), out);
    }

    private static void error(SessionError e, PrintWriter out) {
        out.println("Error during " + e.phase() + ": " + e.message());
    }

    private static void tail(List<String> transcript, List<String> reproduce, PrintWriter out) {
        out.println();
        out.println("Transcript:");
        transcript.forEach(line -> out.println("  " + line));
        list("Reproduce by hand:", reproduce, out);
    }

    private static void list(String title, List<String> items, PrintWriter out) {
        if (items.isEmpty()) {
            return;
        }
        out.println(title);
        items.forEach(i -> out.println("  " + i));
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** JSON to stdout ('-') or atomically to a file; false when nothing human should follow on stdout. */
    static void json(Object report, String json, PrintWriter out) {
        if (json == null) {
            return;
        }
        try {
            if (json.equals("-")) {
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
            } else {
                AtomicFiles.write(Path.of(json), o -> Json.mapper().writerWithDefaultPrettyPrinter().writeValue(o, report));
            }
        } catch (IOException e) {
            throw new UserInputException("cannot write the JSON result to " + json + ": " + io.smtpscope.report.AtomicFiles.describe(e));
        }
    }
}
