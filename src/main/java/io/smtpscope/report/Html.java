package io.smtpscope.report;

/**
 * The one escaping function of the HTML report. Everything not written by smtpscope itself (banner, EHLO
 * lines, certificate subjects, error texts, even host names from the target list) goes through
 * {@link #escape}. It escapes for both element text and quoted attribute values (HTML Living Standard
 * 13.1.2.6 and 13.1.2.3): {@code & < > " '} become character references, so a value can neither close
 * an attribute nor open a tag. Control characters were already made visible by the probe ({@code \xNN}).
 */
public final class Html {
    private Html() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                case '\u0000' -> "\uFFFD";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
