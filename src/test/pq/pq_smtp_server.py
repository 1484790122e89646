#!/usr/bin/env python3
"""A loopback SMTP server with STARTTLS whose TLS comes from the OpenSSL bundled in the `cryptography` wheel
(3.5 or later: X25519MLKEM768 is in its default groups), for the smtpscope tests of post-quantum hybrid groups.

Bounded: at most MAX_CLIENTS connections at once (more are closed at once), each ends after IDLE_SECONDS of
silence, after MAX_COMMANDS commands, or at a line over MAX_LINE bytes. Loopback addresses only. It never
accepts mail. Inside TLS, NOOP answers with the negotiated group, so a client can check what was negotiated.

    server:    pq_smtp_server.py serve --host 127.0.0.2 --port 2545 --dir /var/tmp/smtpscope-pq
    self-test: pq_smtp_server.py probe --host 127.0.0.2 --port 2545   (prints the group a STARTTLS handshake got)
"""
import argparse
import datetime
import ipaddress
import os
import socket
import struct
import sys
import threading

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from OpenSSL import SSL

MAX_CLIENTS = 16
IDLE_SECONDS = 30
MAX_COMMANDS = 50
MAX_LINE = 1000
NAME = "pq.smtpscope.test"


def loopback(host):
    if not ipaddress.ip_address(host).is_loopback:
        sys.exit("refusing to listen on or connect to a non-loopback address: " + host)


def certificate(directory):
    key_file = os.path.join(directory, "key.pem")
    cert_file = os.path.join(directory, "cert.pem")
    if not (os.path.exists(key_file) and os.path.exists(cert_file)):
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, NAME),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME, "smtpscope pq test")])
        now = datetime.datetime.now(datetime.timezone.utc)
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
                .not_valid_after(now + datetime.timedelta(days=30))
                .add_extension(x509.SubjectAlternativeName([x509.DNSName(NAME)]), critical=False)
                .sign(key, hashes.SHA256()))
        old = os.umask(0o077)
        try:
            with open(key_file, "wb") as f:
                f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
            with open(cert_file, "wb") as f:
                f.write(cert.public_bytes(serialization.Encoding.PEM))
        finally:
            os.umask(old)
    return key_file, cert_file


class Lines:
    """Reads CRLF lines from a plain socket or a pyOpenSSL connection, bounded."""

    def __init__(self, conn):
        self.conn = conn
        self.buffer = b""

    def line(self):
        while b"\n" not in self.buffer:
            if len(self.buffer) > MAX_LINE:
                return None
            try:
                data = self.conn.recv(1024)
            except (SSL.Error, OSError):
                return None
            if not data:
                return None
            self.buffer += data
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.rstrip(b"\r").decode("ascii", "replace")


def serve_client(sock, context, slots):
    try:
        # A blocking socket with kernel time-outs: pyOpenSSL cannot drive a handshake over Python's timeout mode.
        timeval = struct.pack("ll", IDLE_SECONDS, 0)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, timeval)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, timeval)
        conn = sock
        tls = None
        lines = Lines(conn)
        conn.sendall(b"220 " + NAME.encode() + b" ESMTP smtpscope pq test\r\n")
        for _ in range(MAX_COMMANDS):
            line = lines.line()
            if line is None:
                return
            verb = line[:8].upper()
            if verb.startswith("EHLO"):
                extra = b"" if tls else b"250-STARTTLS\r\n"
                conn.sendall(b"250-" + NAME.encode() + b"\r\n" + extra + b"250 PIPELINING\r\n")
            elif verb.startswith("HELO"):
                conn.sendall(b"250 " + NAME.encode() + b"\r\n")
            elif verb.startswith("STARTTLS") and tls is None:
                conn.sendall(b"220 2.0.0 Ready to start TLS\r\n")
                tls = SSL.Connection(context, sock)
                tls.set_accept_state()
                tls.do_handshake()
                conn = tls
                lines = Lines(conn)  # RFC 3207 section 4.2: nothing from before TLS is kept
            elif verb.startswith("NOOP"):
                group = tls.get_group_name() if tls else None
                conn.sendall(("250 2.0.0 OK group %s\r\n" % (group or "none")).encode())
            elif verb.startswith("QUIT"):
                conn.sendall(b"221 2.0.0 Bye\r\n")
                return
            else:
                conn.sendall(b"502 5.5.2 not implemented here\r\n")
    except (SSL.Error, OSError):
        pass
    finally:
        try:
            sock.close()
        finally:
            slots.release()


def serve(args):
    loopback(args.host)
    key_file, cert_file = certificate(args.dir)
    context = SSL.Context(SSL.TLS_SERVER_METHOD)
    context.use_privatekey_file(key_file)
    context.use_certificate_file(cert_file)
    context.set_min_proto_version(SSL.TLS1_2_VERSION)
    # The default groups of OpenSSL 3.5+ begin with X25519MLKEM768: nothing is set, so the test sees the default.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((args.host, args.port))
    listener.listen(32)
    slots = threading.BoundedSemaphore(MAX_CLIENTS)
    while True:
        sock, _ = listener.accept()
        if not slots.acquire(blocking=False):
            sock.close()
            continue
        threading.Thread(target=serve_client, args=(sock, context, slots), daemon=True).start()


def probe(args):
    """One STARTTLS handshake with this OpenSSL's default groups; prints the negotiated group and protocol."""
    loopback(args.host)
    sock = socket.create_connection((args.host, args.port), timeout=10)
    sock.settimeout(None)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, struct.pack("ll", 10, 0))
    lines = Lines(sock)
    lines.line()
    sock.sendall(b"EHLO probe.invalid\r\n")
    while True:
        line = lines.line()
        if line is None or line.startswith("250 "):
            break
    sock.sendall(b"STARTTLS\r\n")
    if not (lines.line() or "").startswith("220"):
        sys.exit("STARTTLS refused")
    context = SSL.Context(SSL.TLS_CLIENT_METHOD)
    tls = SSL.Connection(context, sock)
    tls.set_connect_state()
    tls.do_handshake()
    print(tls.get_group_name(), tls.get_protocol_version_name())
    tls.sendall(b"QUIT\r\n")
    sock.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["serve", "probe"])
    parser.add_argument("--host", default="127.0.0.2")
    parser.add_argument("--port", type=int, default=2545)
    parser.add_argument("--dir", default="/var/tmp/smtpscope-pq")
    args = parser.parse_args()
    serve(args) if args.command == "serve" else probe(args)


if __name__ == "__main__":
    main()
