package io.smtpscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.Locale;

/**
 * One command's man page in roff (man(7) macros), rendered from the same picocli model as {@code --help}, so
 * the two never disagree. picocli-codegen's generator writes AsciiDoc, which would need Asciidoctor at build
 * time to become a man page; roff needs nothing.
 */
final class ManPage {
    private final CommandSpec spec;

    ManPage(CommandSpec spec) {
        this.spec = spec;
    }

    /** {@code smtpscope} for the root, {@code smtpscope-scan} for a subcommand, as man pages are named. */
    String name() {
        return spec.qualifiedName("-");
    }

    String render(String version) {
        StringBuilder roff = new StringBuilder();
        roff.append(".TH ").append(name().toUpperCase(Locale.ROOT)).append(" 1 \"\" \"").append(escape(version))
                .append("\" \"smtpscope manual\"\n");
        roff.append(".SH NAME\n").append(escape(name())).append(" \\- ").append(escape(oneLine(spec.usageMessage().header()))).append('\n');
        CommandLine.Help help = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        roff.append(".SH SYNOPSIS\n.nf\n").append(escape(help.synopsis(0).strip())).append("\n.fi\n");
        if (spec.usageMessage().description().length > 0) {
            roff.append(".SH DESCRIPTION\n").append(escape(oneLine(spec.usageMessage().description()))).append('\n');
        }
        if (!spec.subcommands().isEmpty()) {
            roff.append(".SH COMMANDS\n");
            spec.subcommands().forEach((sub, line) -> {
                roff.append(".TP\n.B ").append(escape(sub)).append('\n')
                        .append(escape(oneLine(line.getCommandSpec().usageMessage().header()))).append('\n');
            });
        }
        if (!spec.positionalParameters().isEmpty()) {
            roff.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : spec.positionalParameters()) {
                roff.append(".TP\n.I ").append(escape(p.paramLabel())).append('\n').append(escape(oneLine(p.description()))).append('\n');
            }
        }
        roff.append(".SH OPTIONS\n");
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            String label = o.typeInfo().isBoolean() && o.arity().max() == 0 ? "" : " " + o.paramLabel();
            roff.append(".TP\n.B ").append(escape(String.join(", ", o.names()) + label)).append('\n')
                    .append(escape(oneLine(o.description()).replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue()))))
                    .append('\n');
        }
        String footer = String.join("\n", spec.usageMessage().footer()).strip();
        if (!footer.isEmpty()) {
            // Examples and exit-status tables are laid out by hand: kept as written.
            roff.append(".SH NOTES\n.nf\n").append(escape(footer)).append("\n.fi\n");
        }
        roff.append(".SH SEE ALSO\n");
        roff.append(spec.parent() == null ? "smtpscope\\-scan(1), smtpscope\\-explain(1)" : "smtpscope(1)").append('\n');
        return roff.toString();
    }

    private static String oneLine(String[] lines) {
        return String.join(" ", lines).replaceAll("\\s+", " ").strip();
    }

    /** Text as roff shows it literally: backslashes, hyphens, and lines that would start a request. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String escaped = line.replace("\\", "\\e").replace("-", "\\-");
            if (escaped.startsWith(".") || escaped.startsWith("'")) {
                escaped = "\\&" + escaped;
            }
            out.append(escaped).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }
}
