package io.smtpscope.demo;

import java.math.BigInteger;
import java.security.Principal;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Set;

/**
 * A certificate object for the server side of a hostile scenario: it behaves like {@code valid} (so the JDK
 * server can pick a signature scheme for its key) but its encoding, which is what goes on the wire, is
 * {@code der}. Needed because the JDK's {@code CertificateFactory} (and so any KeyStore) refuses to load
 * some crafted encodings at all. Made by {@link CertificateBuilder#issueCrafted}.
 */
public final class CraftedCertificate extends X509Certificate {
    private final X509Certificate valid;
    private final byte[] der;

    CraftedCertificate(X509Certificate valid, byte[] der) {
        this.valid = valid;
        this.der = der.clone();
    }

    @Override
    public byte[] getEncoded() {
        return der.clone();
    }

    @Override
    public void checkValidity() throws java.security.cert.CertificateExpiredException,
            java.security.cert.CertificateNotYetValidException {
        valid.checkValidity();
    }

    @Override
    public void checkValidity(Date date) throws java.security.cert.CertificateExpiredException,
            java.security.cert.CertificateNotYetValidException {
        valid.checkValidity(date);
    }

    @Override
    public int getVersion() {
        return valid.getVersion();
    }

    @Override
    public BigInteger getSerialNumber() {
        return valid.getSerialNumber();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Principal getIssuerDN() {
        return valid.getIssuerDN();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Principal getSubjectDN() {
        return valid.getSubjectDN();
    }

    @Override
    public javax.security.auth.x500.X500Principal getIssuerX500Principal() {
        return valid.getIssuerX500Principal();
    }

    @Override
    public javax.security.auth.x500.X500Principal getSubjectX500Principal() {
        return valid.getSubjectX500Principal();
    }

    @Override
    public Date getNotBefore() {
        return valid.getNotBefore();
    }

    @Override
    public Date getNotAfter() {
        return valid.getNotAfter();
    }

    @Override
    public byte[] getTBSCertificate() throws java.security.cert.CertificateEncodingException {
        return valid.getTBSCertificate();
    }

    @Override
    public byte[] getSignature() {
        return valid.getSignature();
    }

    @Override
    public String getSigAlgName() {
        return valid.getSigAlgName();
    }

    @Override
    public String getSigAlgOID() {
        return valid.getSigAlgOID();
    }

    @Override
    public byte[] getSigAlgParams() {
        return valid.getSigAlgParams();
    }

    @Override
    public boolean[] getIssuerUniqueID() {
        return valid.getIssuerUniqueID();
    }

    @Override
    public boolean[] getSubjectUniqueID() {
        return valid.getSubjectUniqueID();
    }

    @Override
    public boolean[] getKeyUsage() {
        return valid.getKeyUsage();
    }

    @Override
    public int getBasicConstraints() {
        return valid.getBasicConstraints();
    }

    @Override
    public void verify(PublicKey key) throws CertificateException {
        throw new CertificateException("a crafted certificate is never verified on the server side");
    }

    @Override
    public void verify(PublicKey key, String sigProvider) throws CertificateException {
        throw new CertificateException("a crafted certificate is never verified on the server side");
    }

    @Override
    public String toString() {
        return "crafted certificate (" + der.length + " bytes) standing in for " + valid.getSubjectX500Principal();
    }

    @Override
    public PublicKey getPublicKey() {
        return valid.getPublicKey();
    }

    @Override
    public boolean hasUnsupportedCriticalExtension() {
        return valid.hasUnsupportedCriticalExtension();
    }

    @Override
    public Set<String> getCriticalExtensionOIDs() {
        return valid.getCriticalExtensionOIDs();
    }

    @Override
    public Set<String> getNonCriticalExtensionOIDs() {
        return valid.getNonCriticalExtensionOIDs();
    }

    @Override
    public byte[] getExtensionValue(String oid) {
        return valid.getExtensionValue(oid);
    }

}
