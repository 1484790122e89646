package io.smtpscope.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of the executable jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int status = Cli.run(args, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }
}
