package io.smtpscope.cli;

import io.smtpscope.diagnosis.DiagnosisCatalogue;
import io.smtpscope.finding.FindingCatalogue;
import io.smtpscope.text.Printable;
import io.smtpscope.smtp.ReplyCodes;
import io.smtpscope.smtp.ReplyContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "explain", header = "Explain a finding, a network diagnosis or an SMTP reply code.", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"An id from 'smtpscope findings', a reply code (550), a reply code",
                "with its enhanced status code (535 5.7.8), or an enhanced code alone (5.7.1)."},
        footer = {"", "Examples:",
                "  smtpscope explain CERT_EXPIRED",
                "  smtpscope explain 535 5.7.8",
                "  smtpscope explain 554 --command rcpt",
                "  smtpscope explain --json 5.7.1",
                "", ExitCodes.INFO})
public final class ExplainCommand implements Callable<Integer> {
    private static final Pattern BASIC = Pattern.compile("([2-5]\\d\\d)");
    private static final Pattern FULL = Pattern.compile("([2-5]\\d\\d)[\\s-]+([245]\\.\\d{1,3}\\.\\d{1,3})");
    private static final Pattern ENHANCED = Pattern.compile("([245]\\.\\d{1,3}\\.\\d{1,3})");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID|CODE", arity = "1..2", description = "A finding id, or a reply code with an optional enhanced code.")
    List<String> words;

    @Mixin
    JsonFlag json;

    @Option(names = "--command", paramLabel = "COMMAND", description = "The command the reply answered (greeting, ehlo, starttls, auth, mail, rcpt, data, end-of-data): 554 to rcpt refuses a recipient, as a greeting it refuses the session.")
    String command;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        json.check();
        String query = String.join(" ", words).strip();
        Optional<ReplyExplanation> reply = replyExplanation(query, context());
        if (reply.isPresent()) {
            if (json.json()) {
                json.write(reply.get(), out);
            } else {
                out.print(reply.get().text());
            }
            out.flush();
            return ExitCodes.OK;
        }
        String enhancedOnly = enhancedExplanation(query);
        if (enhancedOnly != null) {
            if (json.json()) {
                java.util.Map<String, String> enhanced = new java.util.LinkedHashMap<>();
                enhanced.put("code", null); // no basic code: the same shape as a reply explanation
                enhanced.put("enhanced_code", query);
                enhanced.put("explanation", enhancedOnly);
                json.write(enhanced, out);
            } else {
                out.println(query + ": " + enhancedOnly);
            }
            out.flush();
            return ExitCodes.OK;
        }
        String id = query.toUpperCase(Locale.ROOT).replace('-', '_');
        Optional<FindingCatalogue.Entry> finding = FindingCatalogue.bundled().entry(id);
        Optional<DiagnosisCatalogue.Entry> diagnosis = DiagnosisCatalogue.bundled().entry(id);
        if (finding.isPresent()) {
            if (json.json()) {
                json.write(finding.get(), out);
            } else {
                FindingCatalogue.Entry e = finding.get();
                print(out, e.id(), e.severity().label(), e.title(), "Explanation", e.explanation(), "Remedy", e.remedy(), e.references());
            }
        } else if (diagnosis.isPresent()) {
            if (json.json()) {
                json.write(diagnosis.get(), out);
            } else {
                DiagnosisCatalogue.Entry e = diagnosis.get();
                print(out, e.id(), e.severity().label(), e.title() + " (network diagnosis)", "Advice", e.advice(), null, null,
                        e.references());
            }
        } else {
            throw new UserInputException("'" + Printable.escapeControls(Printable.shorten(query, 80))
                    + "' is neither a finding id nor a reply code" + suggestion(id) + " (see 'smtpscope findings')");
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The command named with --command, checked: an unknown one is a usage error. */
    private ReplyContext context() {
        if (command == null) {
            return ReplyContext.OTHER;
        }
        String name = command.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (ReplyContext c : ReplyContext.values()) {
            if (c != ReplyContext.OTHER && (c.key().equals(name) || (c == ReplyContext.HELLO && (name.equals("ehlo") || name.equals("helo"))))) {
                return c;
            }
        }
        throw new UserInputException("--command '" + Printable.escapeControls(Printable.shorten(command, 40))
                + "' is not one of greeting, ehlo, starttls, auth, mail, rcpt, data, end-of-data, rset, quit");
    }

    /** {@code 550} or {@code 535 5.7.8} in answer to {@code context}; empty when the query is neither. */
    static Optional<ReplyExplanation> replyExplanation(String query, ReplyContext context) {
        Matcher m;
        if ((m = FULL.matcher(query)).matches()) {
            return Optional.of(ReplyExplanation.of(Integer.parseInt(m.group(1)), Optional.of(m.group(2)), context));
        }
        if ((m = BASIC.matcher(query)).matches()) {
            return Optional.of(ReplyExplanation.of(Integer.parseInt(m.group(1)), Optional.empty(), context));
        }
        return Optional.empty();
    }

    /** The meaning of an enhanced code alone ({@code 5.7.1}); null when the query is not one. */
    static String enhancedExplanation(String query) {
        Matcher m = ENHANCED.matcher(query);
        if (!m.matches()) {
            return null;
        }
        String code = m.group(1);
        return ReplyCodes.get().enhanced(code).orElse("Unknown enhanced status code (RFC 3463 class " + code.charAt(0) + ").");
    }

    private static String suggestion(String id) {
        List<String> close = FindingCatalogue.bundled().entries().stream().map(FindingCatalogue.Entry::id)
                .filter(known -> id.length() >= 3 && known.contains(id)).limit(5).toList();
        return close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?";
    }

    private static void print(PrintWriter out, String id, String severity, String title, String firstLabel, String first,
                              String secondLabel, String second, List<String> references) {
        out.println(id + "  [" + severity + "]  " + title);
        out.println();
        out.println(firstLabel + ": " + first);
        if (second != null) {
            out.println();
            out.println(secondLabel + ": " + second);
        }
        if (!references.isEmpty()) {
            out.println();
            out.println("References: " + String.join(", ", references));
        }
        out.println();
        out.println("(Words in braces are filled in from what the scan observed.)");
    }
}
