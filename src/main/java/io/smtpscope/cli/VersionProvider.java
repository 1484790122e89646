package io.smtpscope.cli;

import picocli.CommandLine;

/** The version from the jar manifest (set by Maven); "dev" when run from classes. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    public static String version() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }

    @Override
    public String[] getVersion() {
        return new String[]{"smtpscope " + version(), "Java " + Runtime.version()};
    }
}
