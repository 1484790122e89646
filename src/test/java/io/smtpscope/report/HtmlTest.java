package io.smtpscope.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class HtmlTest {
    @Test
    void escapesEveryCharacterThatCanOpenATagOrCloseAnAttribute() {
        assertEquals("&lt;script&gt;alert(1)&lt;/script&gt;", Html.escape("<script>alert(1)</script>"));
        assertEquals("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", Html.escape("\"><img src=x onerror=alert(1)>"));
        assertEquals("&#39; onmouseover=&#39;x", Html.escape("' onmouseover='x"));
        assertEquals("a &amp;amp; b", Html.escape("a &amp; b"));
    }

    @Test
    void nullIsEmptyAndPlainTextIsReturnedAsIs() {
        assertEquals("", Html.escape(null));
        String plain = "mail.example.com ESMTP Postfix (Debian) — ü";
        assertSame(plain, Html.escape(plain));
    }

    @Test
    void nulCharacterCannotReachTheParser() {
        assertEquals("a\uFFFDb", Html.escape("a\u0000b"));
    }
}
