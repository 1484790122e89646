package io.smtpscope.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.smtpscope.it.RealServices;
import io.smtpscope.result.ScanReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Base64;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML report in a real browser: headless Chromium loads the file (offline, no network features),
 * runs its script under the page's Content-Security-Policy, and we read back the DOM it built. The
 * screenshot is kept as a build artifact: target/html-report.png.
 */
class HtmlReportBrowserTest {
    private static final long TIMEOUT_SECONDS = 60;
    private Path chromium;

    @TempDir
    Path tmp;

    @BeforeEach
    void requireChromium() {
        chromium = RealServices.chromium();
    }

    private record Run(String stdout, String log) {
    }

    private Run chromium(String url, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars",
                // Chromium looks up Google's update and sign-in hosts at start despite the flags above; the page is
                // a local file, so no name needs resolving: refuse them all (tests reach loopback only).
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=" + tmp.resolve("profile-" + System.nanoTime())));
        command.addAll(List.of(extra));
        command.add(url);
        Path out = tmp.resolve("stdout-" + System.nanoTime());
        Path err = tmp.resolve("stderr-" + System.nanoTime());
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "chromium finished within " + TIMEOUT_SECONDS + " s");
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        return new Run(Files.readString(out), Files.readString(err));
    }

    private static Path writeReport(ScanReport report, String name) throws IOException {
        Path file = Path.of("target", name).toAbsolutePath();
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, o -> new HtmlReportWriter().write(report, o));
        return file;
    }

    private static void assertNoScriptError(Run run) {
        assertTrue(run.stdout().contains("data-script=\"ok\""), "the inline script ran to its end under the CSP");
        assertFalse(run.stdout().contains("data-script-error=\""), "window error handler fired");
        for (String bad : List.of("Uncaught", "Content Security Policy", "Refused to")) {
            assertFalse(run.log().contains(bad), "browser log mentions '" + bad + "':\n" + grep(run.log(), bad));
        }
    }

    @Test
    void scriptRunsAndEveryEndpointRowIsThere() throws Exception {
        ScanReport report = ScanFixtures.demo();
        Path html = writeReport(report, "html-report.html");
        Run dom = chromium(html.toUri().toString(), "--dump-dom");
        assertNoScriptError(dom);
        String body = section(dom.stdout(), "<tbody>", "</tbody>");
        assertEquals(report.endpoints().size(), count(body, "<tr "));
        for (var e : report.endpoints()) {
            assertTrue(body.contains(">" + e.host() + "</a>"), e.host());
        }
        assertTrue(dom.stdout().contains("data-interactive=\"true\""));
        assertEquals(8, count(dom.stdout(), "aria-sort=\"none\""), "every column made sortable");
        assertTrue(dom.stdout().contains("<div class=\"tools\" id=\"table-tools\">"), "filter controls shown");
        assertTrue(dom.stdout().contains("5 of 5 endpoints"));

        Path png = Path.of("target", "html-report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Run shot = chromium(html.toUri().toString(), "--screenshot=" + png, "--window-size=1280,2000");
        assertTrue(Files.size(png) > 20_000, "screenshot written: " + shot.log().lines().limit(5).toList());
    }

    @Test
    void filterFromTheLinkHidesOtherRows() throws Exception {
        Path html = writeReport(ScanFixtures.demo(), "html-report.html");
        Run dom = chromium(html.toUri() + "#filter=careless", "--dump-dom");
        assertNoScriptError(dom);
        String body = section(dom.stdout(), "<tbody>", "</tbody>");
        assertEquals(4, count(body, " hidden=\"\""), "four of five rows filtered out");
        assertTrue(dom.stdout().contains("1 of 5 endpoints"));
        Matcher visible = Pattern.compile("<tr data-severity=\"[a-z]+\" data-reachability=\"[a-z-]+\">(.*?)</tr>",
                Pattern.DOTALL).matcher(body);
        assertTrue(visible.find());
        assertTrue(visible.group(1).contains("mail.careless.test"));
    }

    @Test
    void hostileBannerStaysTextInTheBrowser() throws Exception {
        Path html = writeReport(ScanFixtures.hostile(), "html-report-hostile.html");
        Run dom = chromium(html.toUri().toString(), "--dump-dom");
        assertNoScriptError(dom);
        assertFalse(dom.stdout().contains("<img"), "no img element in the DOM");
        assertEquals(1, count(dom.stdout(), "<script"), "only the report's own script element");
        assertTrue(dom.stdout().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "banner shown as text");
    }

    /**
     * Layout is measured, not guessed from the markup: a test-only copy of the report carries one more inline script
     * (its hash added to the page's CSP, nothing else changed) that reads element boxes after layout and writes them
     * into the DOM. Headless Chromium will not make a window narrower than 500 px, so the copy is shown in an
     * iframe of exactly the width wanted (media queries apply to the iframe's own viewport, as on a phone) by a
     * wrapper page, whose handler copies the numbers out when the frame has loaded; --dump-dom returns them.
     */
    private JsonNode measure(ScanReport report, int width, int height) throws Exception {
        String script = new String(HtmlReportBrowserTest.class.getResourceAsStream("measure-layout.js").readAllBytes(),
                StandardCharsets.UTF_8);
        String hash = "'sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(script.getBytes(StandardCharsets.UTF_8))) + "'";
        String html = new HtmlReportWriter().render(report);
        String csp = Html.escape(HtmlReportWriter.CSP);
        assertTrue(html.contains(csp), "the CSP is where the copy changes it");
        html = html.replace(csp, Html.escape(HtmlReportWriter.CSP.replace("'" + HtmlReportWriter.SCRIPT_HASH + "'",
                "'" + HtmlReportWriter.SCRIPT_HASH + "' " + hash)))
                .replace("</body>", "<script>" + script + "</script>\n</body>");
        Path wrapper = framed(html, width, height, "html-report-measured-" + width + ".html");
        Run dom = chromium(wrapper.toUri().toString(), "--dump-dom", "--window-size=" + Math.max(width + 20, 520) + "," + (height + 20));
        Matcher m = Pattern.compile("<pre id=\"measured\">(.*?)</pre>", Pattern.DOTALL).matcher(dom.stdout());
        assertTrue(m.find(), "the measuring script ran: " + dom.stdout().lines().limit(5).toList() + grep(dom.log(), "rror"));
        assertFalse(m.group(1).startsWith("error"), m.group(1));
        return Json.mapper().readTree(m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
    }

    /** A page that shows {@code html} in a frame of the given size (a phone's viewport, say). */
    private static Path framed(String html, int width, int height, String name) throws IOException {
        String page = "<!DOCTYPE html><html><body style=\"margin:0\"><iframe id=\"f\" style=\"border:0;width:" + width
                + "px;height:" + height + "px\" onload=\"var d=this.contentDocument,m=d&&d.getElementById('measured'),"
                + "p=document.createElement('pre');p.id='measured';p.textContent=m?m.textContent:'error: '+"
                + "(d?d.documentElement.getAttribute('data-script-error'):'no document');document.body.appendChild(p)\" srcdoc=\""
                + Html.escape(html) + "\"></iframe></body></html>";
        Path file = Path.of("target", name).toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, page);
        return file;
    }

    private void screenshot(ScanReport report, int width, int height, String name) throws Exception {
        Path page = framed(new HtmlReportWriter().render(report), width, height, name.replace(".png", ".html"));
        Path png = Path.of("target", name).toAbsolutePath();
        Files.deleteIfExists(png);
        Run shot = chromium(page.toUri().toString(), "--screenshot=" + png, "--window-size=" + Math.max(width, 500) + "," + height);
        assertTrue(Files.exists(png) && Files.size(png) > 10_000, "screenshot " + name + " written: " + shot.log().lines().limit(5).toList());
    }

    @Test
    void readableOnAWideScreenAndOnAPhone() throws Exception {
        ScanReport report = ScanFixtures.demo();
        screenshot(report, 1400, 2400, "html-report-1400.png");
        screenshot(report, 420, 2400, "html-report-420.png");

        JsonNode wide = measure(report, 1400, 900);
        JsonNode phone = measure(report, 420, 900);
        for (JsonNode m : List.of(wide, phone)) {
            String at = " at " + m.get("viewport").asInt() + " px: " + m;
            assertEquals(0, m.get("clippedLabels").size(), "no chart label sticks out of its chart" + at);
            assertEquals(0, m.get("wrappedModes").size(), "no mode broken over two lines" + at);
            assertTrue(m.get("minChartFont").asDouble() >= 10, "chart text at least 10 px" + at);
            assertTrue(m.has("fixFirst"), "the demo has findings to fix" + at);
            assertTrue(m.get("fixFirst").get("bottom").asDouble() <= m.get("innerHeight").asDouble(),
                    "the worst finding is on the first screen" + at);
            assertTrue(m.get("fixFirst").get("right").asDouble() <= m.get("viewport").asDouble() + 0.5, "and not cut off" + at);
            assertTrue(m.get("worstCell").get("right").asDouble() <= m.get("viewport").asDouble() + 0.5,
                    "the table's worst-finding column is visible without scrolling sideways" + at);
            assertTrue(m.get("height").asDouble() < m.get("heightAllOpen").asDouble(),
                    "endpoints beyond the first " + HtmlReportWriter.OPEN_ENDPOINTS + " start collapsed" + at);
        }
        assertTrue(phone.get("viewport").asInt() <= 420, "the phone layout was measured at phone width: " + phone);
        assertTrue(phone.get("fixFirst").get("text").asText().toLowerCase(java.util.Locale.ROOT).contains("fail"), phone.toString());
    }

    private static String section(String text, String from, String to) {
        int start = text.indexOf(from);
        int end = text.indexOf(to, Math.max(start, 0));
        assertTrue(start >= 0 && end > start, "DOM has " + from + "; got: " + text.substring(0, Math.min(400, text.length())));
        return text.substring(start, end);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static String grep(String log, String word) {
        return String.join("\n", log.lines().filter(l -> l.contains(word)).limit(10).toList());
    }
}
