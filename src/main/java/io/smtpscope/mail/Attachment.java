package io.smtpscope.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** A file to attach: its name as the recipient will see it, its MIME type and its bytes. */
public record Attachment(String fileName, String contentType, byte[] content) {
    /** Attachments are read whole into memory; a test message has no business being larger. */
    public static final long MAX_BYTES = 25L * 1024 * 1024;

    private static final Map<String, String> COMMON_TYPES = Map.ofEntries(
            Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"), Map.entry("csv", "text/csv"),
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"),
            Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"), Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml"), Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("eml", "message/rfc822"), Map.entry("ics", "text/calendar"));

    public Attachment {
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** @throws IllegalArgumentException with a readable reason when the file cannot be attached */
    public static Attachment read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("attachment " + file + " does not exist or is not a file");
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException("attachment " + file + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
            }
            String name = file.getFileName().toString();
            return new Attachment(name, typeOf(file, name), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read attachment " + file + ": " + e.getMessage());
        }
    }

    /** The type from the file name first (predictable), then the platform's guess, then octet-stream. */
    static String typeOf(Path file, String name) {
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            String known = COMMON_TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (known != null) {
                return known;
            }
        }
        try {
            String probed = Files.probeContentType(file);
            if (probed != null && probed.matches("[a-zA-Z0-9.+-]+/[a-zA-Z0-9.+-]+")) {
                return probed;
            }
        } catch (IOException | SecurityException ignored) {
            // fall through to the safe default
        }
        return "application/octet-stream";
    }
}
