package io.smtpscope.cli;

import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.tls.TlsContexts;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of the executable jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // While picocli builds the command (a few hundred milliseconds of reflection), a second core sets up what
        // nearly every command then needs: the TLS contexts and the JDK trust store. The main thread waits for it
        // if it gets there first (class initialisation, a synchronized reader); a daemon, so --help and --version
        // never wait. A failure here is silent: the main thread meets it again and reports it in its own words.
        Thread.ofPlatform().daemon().name("smtpscope-warm-up").start(() -> {
            try {
                TlsContexts.init();
                TrustAnchors.jdkDefault();
            } catch (RuntimeException | LinkageError e) {
                // see above
            }
        });
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int status = Cli.run(args, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }
}
