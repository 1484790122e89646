package io.smtpscope.tls.enumeration;

import io.smtpscope.fuzz.RandomInputs;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoding real answers captured from Postfix 3.7 / OpenSSL 3.0, and hostile bytes. */
class ServerHelloParserTest {

    private static ServerFlight parse(byte[] data, TlsVersion offered) throws TlsParseException {
        return ServerHelloParser.parse(data, data.length, offered);
    }

    @Test
    void helloRetryRequestNamesSuiteAndGroup() throws Exception {
        ServerFlight flight = parse(Fixtures.hex("postfix-modern-tls13-hrr"), TlsVersion.TLS13);
        ServerFlight.Hello hello = assertInstanceOf(ServerFlight.Hello.class, flight);
        assertTrue(hello.helloRetry(), "HRR special random recognised");
        assertEquals(0x0304, hello.version());
        assertTrue(CipherSuiteRegistry.bundled().byCode(hello.cipherSuite()).orElseThrow().tls13());
        assertEquals("x25519", NamedGroup.name(hello.group()));
        assertTrue(hello.complete());
    }

    @Test
    void tls12FlightGivesSuiteCertificateCurveAndExtensions() throws Exception {
        ServerFlight.Hello hello = assertInstanceOf(ServerFlight.Hello.class,
                parse(Fixtures.hex("postfix-modern-tls12-flight"), TlsVersion.TLS12));
        assertEquals(0x0303, hello.version());
        assertFalse(hello.helloRetry());
        assertTrue(hello.complete(), "read up to ServerHelloDone");
        CipherSuite suite = CipherSuiteRegistry.bundled().byCode(hello.cipherSuite()).orElseThrow();
        assertTrue(suite.ecdhe() || suite.dhe(), suite.name());
        assertFalse(hello.certificates().isEmpty());
        assertEquals(0x30, hello.certificates().get(0)[0] & 0xFF, "DER SEQUENCE");
        assertTrue(hello.extensions().contains(ClientHelloBuilder.EXT_RENEGOTIATION_INFO));
        if (suite.ecdhe()) {
            assertTrue(hello.ecdheCurve() != null);
        }
    }

    @Test
    void dheFlightGivesPrimeSize() throws Exception {
        ServerFlight.Hello hello = assertInstanceOf(ServerFlight.Hello.class,
                parse(Fixtures.hex("postfix-legacy-tls12-dhe-flight"), TlsVersion.TLS12));
        assertEquals("TLS_DHE_RSA_WITH_AES_128_CBC_SHA", CipherSuiteRegistry.bundled().name(hello.cipherSuite()));
        assertTrue(hello.dhBits() != null && hello.dhBits() >= 1024, "dh bits " + hello.dhBits());
        assertNull(hello.ecdheCurve());
    }

    @Test
    void protocolVersionAlert() throws Exception {
        ServerFlight.Alert alert = assertInstanceOf(ServerFlight.Alert.class,
                parse(Fixtures.hex("postfix-modern-tls10-alert"), TlsVersion.TLS10));
        assertEquals(2, alert.level());
        assertEquals("protocol_version", alert.describe());
        // the same answer to an SSLv2-format hello
        assertInstanceOf(ServerFlight.Alert.class, parse(Fixtures.hex("postfix-modern-sslv2"), TlsVersion.SSLV2));
    }

    @Test
    void everyPrefixOfARealFlightIsIncompleteOrAPartialHello() throws Exception {
        byte[] flight = Fixtures.hex("postfix-modern-tls12-flight");
        for (int n = 0; n < flight.length; n++) {
            ServerFlight f = ServerHelloParser.parse(flight, n, TlsVersion.TLS12);
            assertTrue(f instanceof ServerFlight.Incomplete || f instanceof ServerFlight.Hello h && !h.complete(),
                    "prefix " + n + " gave " + f);
        }
    }

    @Test
    void ssl2ServerHello() throws Exception {
        // SERVER-HELLO: hit 0, cert type 1, version 0x0002, cert 0 bytes, 2 cipher specs, conn id 16 bytes
        byte[] msg = new byte[2 + 11 + 6 + 16];
        msg[0] = (byte) 0x80;
        msg[1] = (byte) (msg.length - 2);
        byte[] body = {4, 0, 1, 0, 2, 0, 0, 0, 6, 0, 16, 1, 0, (byte) 0x80, 7, 0, (byte) 0xC0};
        System.arraycopy(body, 0, msg, 2, body.length);
        ServerFlight.Ssl2Hello hello = assertInstanceOf(ServerFlight.Ssl2Hello.class, parse(msg, TlsVersion.SSLV2));
        assertEquals(List.of(0x010080, 0x0700C0), hello.cipherKinds());
    }

    @Test
    void plaintextSmtpIsNotTls() {
        byte[] smtp = "454 4.7.0 TLS not available\r\n".getBytes();
        assertThrows(TlsParseException.class, () -> parse(smtp, TlsVersion.TLS12));
    }

    @Test
    void lengthFieldsAreNeverTrusted() {
        byte[] flight = Fixtures.hex("postfix-modern-tls12-flight");
        byte[] lying = Arrays.copyOf(flight, flight.length);
        lying[6] = 0x7F; // ServerHello length far beyond the record
        assertThrows(TlsParseException.class, () -> parse(lying, TlsVersion.TLS12));
        byte[] hugeRecord = {22, 3, 3, (byte) 0xFF, (byte) 0xFF};
        assertThrows(TlsParseException.class, () -> parse(hugeRecord, TlsVersion.TLS12));
    }

    @Test
    void arbitraryBytesNeverThrowAnythingButParseException() {
        RandomInputs.forAll(2000, ServerHelloParserTest::serverBytes, data -> {
            for (TlsVersion v : TlsVersion.values()) {
                try {
                    ServerHelloParser.parse(data, data.length, v);
                } catch (TlsParseException expected) {
                    // the one allowed outcome besides a result
                }
            }
        });
    }

    @Test
    void mutatedRealFlightsNeverThrowAnythingButParseException() {
        byte[] flight = Fixtures.hex("postfix-modern-tls12-flight");
        RandomInputs.forAll(1000, r -> r.overwrite(flight, 1, 8), data -> {
            try {
                ServerHelloParser.parse(data, data.length, TlsVersion.TLS12);
            } catch (TlsParseException expected) {
                // fine
            }
        });
    }

    static byte[] serverBytes(RandomInputs r) {
        return r.oneOf(
                () -> r.bytes(0, 600),
                () -> {
                    // records that look plausible: a TLS header, then anything
                    byte[] b = r.bytes(5, 600);
                    b[0] = (byte) (20 + Math.floorMod(b[0], 5));
                    b[1] = 3;
                    return b;
                });
    }
}
