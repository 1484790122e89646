package io.smtpscope.monitor;

import io.smtpscope.finding.JudgePolicy;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.regex.Pattern;

import static io.smtpscope.result.Synthetic.T0;
import static io.smtpscope.result.Synthetic.closed;
import static io.smtpscope.result.Synthetic.finding;
import static io.smtpscope.result.Synthetic.open;
import static io.smtpscope.result.Synthetic.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class NagiosCheckTest {
    private static final Instant EXPIRY = Instant.parse("2027-01-01T00:00:00Z");
    private static final JudgePolicy POLICY = JudgePolicy.defaults();

    /**
     * One performance datum per the Monitoring Plugins Development Guidelines:
     * {@code 'label'=value[UOM];[warn];[crit];[min];[max]}, label without '=' or quote, UOM one of the listed
     * units, thresholds in range syntax {@code [@][start:][end]} with {@code ~} for -infinity.
     */
    public static final Pattern PERFDATUM;

    static {
        String number = "-?\\d+(\\.\\d+)?";
        String range = "(@?(~|" + number + ")?:?(" + number + ")?)?";
        PERFDATUM = Pattern.compile("'[^'=]+'=" + number + "(us|ms|s|%|B|KB|MB|TB|c)?;" + range + ";" + range
                + ";(" + number + ")?;(" + number + ")?");
    }

    @Test
    void statusFollowsTheWorstFinding() {
        assertEquals(NagiosStatus.OK, status(report(T0, open("mx.example.com", 25, "aa", EXPIRY, 60, finding("NO_MTA_STS", Severity.INFO)))));
        assertEquals(NagiosStatus.WARNING, status(report(T0, open("mx.example.com", 25, "aa", EXPIRY, 15, finding("CERT_EXPIRES_SOON", Severity.WARN)))));
        assertEquals(NagiosStatus.CRITICAL, status(report(T0, open("mx.example.com", 25, "aa", EXPIRY, 60),
                closed("mx.example.com", 587, Reachability.REFUSED, finding("STARTTLS_MISSING", Severity.FAIL)))));
        assertEquals(NagiosStatus.UNKNOWN, status(report(T0)));
        assertEquals(0, NagiosStatus.OK.exitCode());
        assertEquals(1, NagiosStatus.WARNING.exitCode());
        assertEquals(2, NagiosStatus.CRITICAL.exitCode());
        assertEquals(3, NagiosStatus.UNKNOWN.exitCode());
    }

    @Test
    void aFailingDiagnosisIsCriticalThoughEachPortIsOnlyAWarning() {
        ScanReport dead = report(T0, closed("mx.dead.test", 25, Reachability.REFUSED, finding("PORT_REFUSED", Severity.WARN)));
        assertEquals(NagiosStatus.WARNING, status(dead));
        ScanReport diagnosed = new ScanReport(dead.schema(), dead.tool(), dead.startedAt(), dead.finishedAt(), dead.profile(),
                dead.endpoints(), dead.inputErrors(), true, new io.smtpscope.diagnosis.HostDiagnosis().diagnose(dead.endpoints(), java.util.List.of()));
        assertEquals(NagiosStatus.CRITICAL, status(diagnosed));
    }

    @Test
    void oneLineWithTextThenPerfdata() {
        ScanReport r = report(T0, open("mx.example.com", 25, "aa", EXPIRY, 15, finding("CERT_EXPIRES_SOON", Severity.WARN)),
                closed("mx.example.com", 587, Reachability.TIMEOUT, finding("PORT_TIMEOUT", Severity.WARN)));
        NagiosCheck.Result result = new NagiosCheck().evaluate(r, POLICY);
        String line = result.line();
        assertFalse(line.contains("\n"));
        assertEquals(2, line.split("\\|", -1).length, "exactly one '|' separates text and perfdata: " + line);
        assertTrue(line.startsWith("SMTP WARNING - 2 endpoint(s), 0 fail, 2 warn; worst: WARN CERT_EXPIRES_SOON on mx.example.com:25; "
                + "earliest certificate expiry mx.example.com:25 in 15 day(s) | "), line);
        String perf = line.substring(line.indexOf(" | ") + 3);
        assertEquals("'mx.example.com:25 cert_days'=15;21:;7:;; 'mx.example.com:25 connect'=3ms;;;0; "
                + "'mx.example.com:25 handshake'=12ms;;;0;", perf);
        for (String datum : perf.split(" (?=')")) {
            assertTrue(PERFDATUM.matcher(datum).matches(), datum);
        }
    }

    @Test
    void expiryThresholdsComeFromThePolicy() {
        ScanReport r = report(T0, open("mx.example.com", 465, "aa", EXPIRY, 5));
        String perf = new NagiosCheck().evaluate(r, new JudgePolicy(30, 10, java.util.Map.of())).line();
        assertTrue(perf.contains("'mx.example.com:465 cert_days'=5;30:;10:;;"), perf);
    }

    @Test
    void labelsCannotBreakThePerfdataSyntax() {
        String datum = NagiosCheck.metric("we'ird=host|x", "1", "ms", "", "", "0", "");
        assertEquals("'we_ird_host_x'=1ms;;;0;", datum);
        assertTrue(PERFDATUM.matcher(datum).matches());
    }

    @Test
    void perfdataRegexRejectsMalformedData() {
        for (String bad : new String[]{"label=1", "'a'=1days;;;;", "'a'=x;;;;", "'a'=1;21;7", "'a=b'=1;;;;"}) {
            assertFalse(PERFDATUM.matcher(bad).matches(), bad);
        }
    }

    private static NagiosStatus status(ScanReport r) {
        return new NagiosCheck().evaluate(r, POLICY).status();
    }
}
