package io.smtpscope.result;

public record Tool(String name, String version) {
}
