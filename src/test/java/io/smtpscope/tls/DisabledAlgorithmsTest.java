package io.smtpscope.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPublicKeySpec;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JDK's TLS policy, read back from its property syntax, as the per-engine constraints of the strict policy. */
class DisabledAlgorithmsTest {
    /** jdk.tls.disabledAlgorithms as JDK 25 ships it (conf/security/java.security). */
    static final String JDK25 = "SSLv3, TLSv1, TLSv1.1, DTLSv1.0, RC4, DES, MD5withRSA, DH keySize < 1024, "
            + "EC keySize < 224, 3DES_EDE_CBC, anon, NULL, ECDH, TLS_RSA_*, rsa_pkcs1_sha1 usage HandshakeSignature, "
            + "ecdsa_sha1 usage HandshakeSignature, dsa_sha1 usage HandshakeSignature";
    private static final Set<CryptoPrimitive> KEY_AGREEMENT = EnumSet.of(CryptoPrimitive.KEY_AGREEMENT);
    private final DisabledAlgorithms jdk = DisabledAlgorithms.parse(JDK25);

    @ParameterizedTest
    @ValueSource(strings = {"SSLv3", "TLSv1", "TLSv1.1", "DTLSv1.0",
            "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA", // TLS_RSA_* (no forward secrecy)
            "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "SSL_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA",
            "SSL_RSA_WITH_RC4_128_MD5", "SSL_RSA_WITH_DES_CBC_SHA", "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384", "TLS_DH_anon_WITH_AES_128_CBC_SHA", "TLS_ECDH_anon_WITH_AES_128_CBC_SHA",
            "TLS_RSA_WITH_NULL_SHA256", "TLS_ECDHE_ECDSA_WITH_NULL_SHA", "MD5withRSA",
            "rsa_pkcs1_sha1", "ecdsa_sha1", "dsa_sha1"}) // limited to handshake signatures by the JDK: refused everywhere here
    void refusesWhatTheJdkRefuses(String algorithm) {
        assertFalse(jdk.permitsName(algorithm), algorithm);
        assertFalse(jdk.permits(KEY_AGREEMENT, algorithm, null), algorithm);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "x25519", "secp256r1", "ffdhe2048", "ecdsa_secp256r1_sha256",
            "rsa_pss_rsae_sha256", "SHA256withRSA", "SHA256withECDSA", "RSASSA-PSS", "EC", "RSA", "DH"})
    void allowsWhatTheJdkAllows(String algorithm) {
        assertTrue(jdk.permitsName(algorithm), algorithm);
    }

    @Test
    void keySizeLimitsApplyToKeysAndParametersOfTheirAlgorithmOnly() throws Exception {
        BigInteger p768 = BigInteger.ONE.shiftLeft(767).add(BigInteger.valueOf(0x2b));
        BigInteger p2048 = BigInteger.ONE.shiftLeft(2047).add(BigInteger.valueOf(0x2b));
        assertFalse(jdk.permits(KEY_AGREEMENT, "ffdhe_custom", dhParameters(p768)), "DH keySize < 1024");
        assertTrue(jdk.permits(KEY_AGREEMENT, "ffdhe2048", dhParameters(p2048)));
        assertFalse(jdk.permits(KEY_AGREEMENT, dhKey(p768)));
        assertTrue(jdk.permits(KEY_AGREEMENT, dhKey(p2048)));

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        PublicKey p256 = ec.generateKeyPair().getPublic();
        assertTrue(jdk.permits(KEY_AGREEMENT, p256), "EC keySize < 224 does not touch P-256");
        assertFalse(DisabledAlgorithms.parse("EC keySize < 384").permits(KEY_AGREEMENT, p256));
        assertTrue(DisabledAlgorithms.parse("RSA keySize < 4096").permits(KEY_AGREEMENT, p256), "a limit for RSA keys only");
        assertFalse(DisabledAlgorithms.parse("secp256r1").permits(KEY_AGREEMENT, p256), "a disabled curve disables its keys");
        assertFalse(DisabledAlgorithms.parse("EC keySize == 256").permits(KEY_AGREEMENT, p256));
        assertTrue(DisabledAlgorithms.parse("EC keySize != 256").permits(KEY_AGREEMENT, p256));
    }

    @Test
    void readsTheWholeSyntax() {
        assertFalse(DisabledAlgorithms.parse("\"TLSv1, SHA1\"").permitsName("TLSv1"), "quoted value");
        assertFalse(DisabledAlgorithms.parse("SHA1").permitsName("SHA1withRSA"), "a part of a signature algorithm");
        assertFalse(DisabledAlgorithms.parse("SHA-1").permitsName("SHA1withECDSA"), "SHA-1 is SHA1");
        assertFalse(DisabledAlgorithms.parse("SHA1").permitsName("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"), "the MAC of a suite");
        assertFalse(DisabledAlgorithms.parse("DH").permitsName("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"), "DHE is DH");
        assertFalse(DisabledAlgorithms.parse("DESede").permitsName("TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"));
        assertFalse(DisabledAlgorithms.parse("TLS_ECDHE_*_CBC_*").permitsName("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"));
        assertTrue(DisabledAlgorithms.parse("TLS_ECDHE_*_CBC_*").permitsName("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
        assertFalse(DisabledAlgorithms.parse("TLS_\\E(*").permitsName("TLS_\\E(X"), "only '*' is special in a wildcard");
        assertTrue(DisabledAlgorithms.parse("TLS_\\E(*").permitsName("TLS_RSA_WITH_AES_128_GCM_SHA256"));
        assertFalse(DisabledAlgorithms.parse("X9.62 prime192v1").permitsName("X9.62 prime192v1"), "a name of two words");
        assertFalse(DisabledAlgorithms.parse("SHA1 jdkCA & usage TLSServer").permitsName("SHA1withRSA"), "stricter than the JDK");
        assertFalse(DisabledAlgorithms.parse("SHA1 denyAfter 2019-01-01").permitsName("SHA1withRSA"), "stricter than the JDK");
        assertTrue(DisabledAlgorithms.parse("").permitsName("TLSv1"));
        assertTrue(DisabledAlgorithms.parse(null).permitsName("TLSv1"));
        assertTrue(DisabledAlgorithms.parse("ECDH").permitsName("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), "ECDHE is not ECDH");
        assertTrue(DisabledAlgorithms.parse("DES").permitsName("TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"), "3DES is not DES");
    }

    @Test
    void includesAnotherSecurityProperty() {
        Security.setProperty("smtpscope.test.disabledCurves", "secp192r1, brainpoolP256r1");
        DisabledAlgorithms withInclude = DisabledAlgorithms.parse("TLSv1, include smtpscope.test.disabledCurves");
        assertFalse(withInclude.permitsName("secp192r1"));
        assertFalse(withInclude.permitsName("TLSv1"));
        assertTrue(withInclude.permitsName("secp256r1"));
    }

    private static AlgorithmParameters dhParameters(BigInteger p) throws Exception {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("DH");
        parameters.init(new DHParameterSpec(p, BigInteger.TWO));
        return parameters;
    }

    private static PublicKey dhKey(BigInteger p) throws Exception {
        return KeyFactory.getInstance("DH").generatePublic(new DHPublicKeySpec(BigInteger.valueOf(12345), p, BigInteger.TWO));
    }
}
