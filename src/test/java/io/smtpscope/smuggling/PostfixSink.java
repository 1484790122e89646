package io.smtpscope.smuggling;

import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.it.PostfixFixture;
import io.smtpscope.it.RealServices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The smuggling fixtures of the real Postfix (src/test/setup/50-postfix-smuggling.sh) and the local sink its
 * deliveries go to: bob's maildir, and the instance's queue (readable when the tests run as root, as CI does).
 */
record PostfixSink(PostfixFixture postfix, Properties smuggling) {
    static PostfixSink get() {
        PostfixFixture postfix = RealServices.postfix();
        return new PostfixSink(postfix, RealServices.postfixProperties("smuggling.properties"));
    }

    static final String RECIPIENT = "bob@smtpscope.test";

    InetAddress host() throws IOException {
        return InetAddress.getByName(postfix.get("host"));
    }

    int port(String key) {
        return Integer.parseInt(smuggling.getProperty(key).strip());
    }

    TrustAnchors anchors() {
        return TrustAnchors.withFile(postfix.path("ca_file"), false);
    }

    /** Maildir files (new and cur) of bob that contain {@code token}. */
    List<Path> delivered(String token) {
        Path newDir = postfix.path("maildir_bob");
        return Stream.of(newDir, newDir.resolveSibling("cur")).flatMap(dir -> files(dir).stream())
                .filter(file -> contains(file, token)).toList();
    }

    /** Queue files of the instance that contain {@code token}; empty when the queue is not readable. */
    List<Path> queued(String token) {
        Path queue = RealServices.postfixDir().resolve("postfix-queue");
        return Stream.of("maildrop", "incoming", "active", "deferred", "hold", "corrupt")
                .map(queue::resolve).flatMap(dir -> walk(dir).stream()).filter(file -> contains(file, token)).toList();
    }

    boolean queueReadable() {
        return Files.isReadable(RealServices.postfixDir().resolve("postfix-queue").resolve("active"));
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> walk(Path dir) {
        if (!Files.isDirectory(dir) || !Files.isReadable(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir, 4)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            return List.of(); // a queue file may move while it is walked; the next poll sees it again
        }
    }

    private static boolean contains(Path file, String token) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return new String(bytes, StandardCharsets.ISO_8859_1).contains(token);
        } catch (IOException e) {
            return false; // moved from new/ to cur/ or out of a queue directory meanwhile
        }
    }
}
