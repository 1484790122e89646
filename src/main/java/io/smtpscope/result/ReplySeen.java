package io.smtpscope.result;

/** One server reply of the dialogue: to which command, its code, enhanced status (RFC 3463) and meaning. */
public record ReplySeen(String command, int code, String enhancedCode, String text, String meaning) {
}
