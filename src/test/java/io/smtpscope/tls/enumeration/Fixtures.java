package io.smtpscope.tls.enumeration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Hex fixtures captured once from the loopback Postfix (see the README next to them). */
final class Fixtures {
    private Fixtures() {
    }

    static byte[] hex(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name + ".hex")) {
            if (in == null) {
                throw new IllegalStateException("fixture " + name + ".hex missing");
            }
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
