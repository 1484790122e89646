package io.smtpscope.cli;

import picocli.AutoComplete;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the man pages and the bash/zsh completion script from the command model, at build time
 * ({@code mvn package} runs it into target/), so they always describe the jar they ship with.
 * Usage: {@code ShellFiles OUTPUT-FOLDER} writes {@code man/*.1} and {@code completion/smtpscope.bash}.
 */
public final class ShellFiles {
    private ShellFiles() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ShellFiles OUTPUT-FOLDER");
            System.exit(ExitCodes.USAGE);
        }
        write(Path.of(args[0]));
    }

    static void write(Path folder) throws IOException {
        CommandLine root = Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        Path man = Files.createDirectories(folder.resolve("man"));
        String version = "smtpscope " + VersionProvider.version();
        writeManPage(root, man, version);
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!sub.getCommandName().equals("help")) {
                writeManPage(sub, man, version);
            }
        }
        Path completion = Files.createDirectories(folder.resolve("completion"));
        Files.writeString(completion.resolve("smtpscope.bash"), AutoComplete.bash("smtpscope", root), StandardCharsets.UTF_8);
    }

    private static void writeManPage(CommandLine command, Path folder, String version) throws IOException {
        ManPage page = new ManPage(command.getCommandSpec());
        Files.writeString(folder.resolve(page.name() + ".1"), page.render(version), StandardCharsets.UTF_8);
    }
}
