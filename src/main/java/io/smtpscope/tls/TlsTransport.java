package io.smtpscope.tls;

import io.smtpscope.smtp.ConnectionClosedException;
import io.smtpscope.smtp.Deadline;
import io.smtpscope.smtp.Transport;

import io.smtpscope.result.TlsResult;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * TLS over another {@link Transport}, driven through an {@link SSLEngine} so that the scanner owns every
 * read: each one is bounded by the phase deadline, the buffered ciphertext never exceeds one maximum
 * record (a header announcing 16 MB cannot make us allocate it), and the first bytes the server sent
 * are kept so a failed handshake can say what answered instead (plain SMTP, HTTP, ...).
 */
public final class TlsTransport implements Transport {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** Bytes kept from the start of the server's stream, for naming a non-TLS service. */
    private static final int SNIFF_BYTES = 64;

    private final Transport raw;
    private final SSLEngine engine;
    /** Ciphertext received and not yet decrypted; write mode (position = end of data). */
    private final ByteBuffer netIn;
    private ByteBuffer netOut;
    /** Plaintext decrypted and not yet returned; write mode. */
    private ByteBuffer appIn;
    private final ByteArrayOutputStream firstBytes = new ByteArrayOutputStream();
    private boolean inboundDone;

    private TlsTransport(Transport raw, SSLEngine engine) {
        this.raw = raw;
        this.engine = engine;
        SSLSession session = engine.getSession();
        this.netIn = ByteBuffer.allocate(session.getPacketBufferSize());
        this.netOut = ByteBuffer.allocate(session.getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(session.getApplicationBufferSize());
    }

    /** Creates the transport and runs the handshake to completion, or throws. */
    public static TlsTransport handshake(Transport raw, SSLEngine engine, Deadline deadline) throws IOException {
        TlsTransport tls = new TlsTransport(raw, engine);
        engine.beginHandshake();
        tls.runHandshake(deadline);
        return tls;
    }

    /**
     * A second handshake on the established session, started by us (client-initiated renegotiation, TLS 1.2 and
     * below; RFC 5746), run to completion or thrown: for the check whether a server accepts it.
     */
    public void renegotiate(Deadline deadline) throws IOException {
        engine.beginHandshake();
        runHandshake(deadline);
    }

    /** A transport that failed its handshake still knows what the server sent first. */
    public static final class HandshakeFailure extends IOException {
        private final byte[] firstBytes;

        HandshakeFailure(IOException cause, byte[] firstBytes) {
            super(cause.getMessage(), cause);
            this.firstBytes = firstBytes;
        }

        public byte[] firstBytes() {
            return firstBytes.clone();
        }
    }

    public SSLSession session() {
        return engine.getSession();
    }

    /**
     * The negotiated protocol and cipher suite, IANA-named (the JDK still calls a few old suites {@code SSL_*}),
     * and the SNI name that was sent (null when none was).
     */
    public TlsResult negotiated(String sniSent) {
        SSLSession ssl = engine.getSession();
        String suite = ssl.getCipherSuite();
        return TlsResult.negotiated(ssl.getProtocol(),
                suite != null && suite.startsWith("SSL_") ? "TLS_" + suite.substring(4) : suite, sniSent);
    }

    /** The server's certificate chain exactly as sent, leaf first; empty when it sent none. */
    public List<X509Certificate> peerChain() {
        List<X509Certificate> out = new ArrayList<>();
        try {
            for (Certificate c : engine.getSession().getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
        return out;
    }

    private void runHandshake(Deadline deadline) throws IOException {
        try {
            SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
            while (status != SSLEngineResult.HandshakeStatus.FINISHED
                    && status != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
                status = switch (status) {
                    case NEED_WRAP -> wrapAndSend(EMPTY, deadline);
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> unwrapForHandshake(deadline);
                    case NEED_TASK -> runTasks();
                    default -> throw new SSLException("unexpected handshake state " + status);
                };
            }
        } catch (IOException e) {
            throw new HandshakeFailure(e, firstBytes.toByteArray());
        } catch (RuntimeException e) {
            // The JDK engine reports some malformed input as runtime exceptions; they are the server's fault.
            throw new HandshakeFailure(new SSLException("malformed TLS data: " + e, e), firstBytes.toByteArray());
        }
    }

    private SSLEngineResult.HandshakeStatus unwrapForHandshake(Deadline deadline) throws IOException {
        netIn.flip();
        SSLEngineResult result;
        try {
            result = engine.unwrap(netIn, appIn);
        } finally {
            netIn.compact();
        }
        switch (result.getStatus()) {
            case BUFFER_UNDERFLOW -> receive(deadline, "TLS handshake");
            case BUFFER_OVERFLOW -> growAppIn();
            case CLOSED -> throw new SSLException("the server closed TLS during the handshake");
            case OK -> { }
        }
        return result.getHandshakeStatus();
    }

    private SSLEngineResult.HandshakeStatus runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
        return engine.getHandshakeStatus();
    }

    private SSLEngineResult.HandshakeStatus wrapAndSend(ByteBuffer source, Deadline deadline) throws IOException {
        while (true) {
            netOut.clear();
            SSLEngineResult result = engine.wrap(source, netOut);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                continue;
            }
            netOut.flip();
            if (netOut.hasRemaining()) {
                byte[] bytes = new byte[netOut.remaining()];
                netOut.get(bytes);
                raw.write(bytes, deadline);
            }
            if (result.getStatus() == SSLEngineResult.Status.CLOSED && source.hasRemaining()) {
                throw new SSLException("TLS connection is closed");
            }
            return result.getHandshakeStatus();
        }
    }

    /** Reads more ciphertext; the buffer holds at most one maximum-size record. */
    private void receive(Deadline deadline, String during) throws IOException {
        if (!netIn.hasRemaining()) {
            throw new SSLException("TLS record larger than the protocol maximum (" + netIn.capacity() + " bytes)");
        }
        int n = raw.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining(), deadline);
        if (n < 0) {
            throw new ConnectionClosedException("connection closed during " + during, firstBytes.toByteArray());
        }
        if (firstBytes.size() < SNIFF_BYTES) {
            firstBytes.write(netIn.array(), netIn.arrayOffset() + netIn.position(), Math.min(n, SNIFF_BYTES - firstBytes.size()));
        }
        netIn.position(netIn.position() + n);
    }

    private void growAppIn() throws SSLException {
        int wanted = engine.getSession().getApplicationBufferSize();
        if (appIn.capacity() >= wanted * 2) {
            throw new SSLException("TLS plaintext larger than the protocol allows");
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(wanted, appIn.capacity() * 2));
        appIn.flip();
        bigger.put(appIn);
        appIn = bigger;
    }

    @Override
    public int read(byte[] buffer, int offset, int len, Deadline deadline) throws IOException {
        while (true) {
            if (appIn.position() > 0) {
                appIn.flip();
                int n = Math.min(len, appIn.remaining());
                appIn.get(buffer, offset, n);
                appIn.compact();
                return n;
            }
            if (inboundDone) {
                return -1;
            }
            netIn.flip();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            // TLS 1.3 sends tickets and key updates after the handshake; let the engine answer them.
            switch (result.getHandshakeStatus()) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> wrapAndSend(EMPTY, deadline);
                default -> { }
            }
            switch (result.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    try {
                        receive(deadline, "TLS session");
                    } catch (ConnectionClosedException e) {
                        return -1; // closed without close_notify: report as end of stream
                    }
                }
                case BUFFER_OVERFLOW -> growAppIn();
                case CLOSED -> inboundDone = true;
                case OK -> { }
            }
        }
    }

    @Override
    public void write(byte[] data, Deadline deadline) throws IOException {
        ByteBuffer source = ByteBuffer.wrap(data);
        while (source.hasRemaining()) {
            wrapAndSend(source, deadline);
        }
    }

    @Override
    public void close() {
        try {
            engine.closeOutbound();
            netOut.clear();
            engine.wrap(EMPTY, netOut);
            netOut.flip();
            if (netOut.hasRemaining()) {
                byte[] bytes = new byte[netOut.remaining()];
                netOut.get(bytes);
                raw.write(bytes, Deadline.of("close", 500, System.nanoTime() + 500_000_000L));
            }
        } catch (IOException | RuntimeException ignored) {
            // close_notify is a courtesy; the socket is closed either way
        } finally {
            raw.close();
        }
    }
}
