package io.smtpscope.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the code as rules that fail the build (ARCHITECTURE.md draws the same picture): packages free of
 * cycles, layers that only call downward, commands that parse and delegate.
 */
@AnalyzeClasses(packages = "io.smtpscope", importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {
    /** Every package on its own (tls and tls.enumeration are two slices): no import cycle among them. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.smtpscope.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layersOnlyCallDownward = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("cli").definedBy("io.smtpscope.cli..")
            .layer("app").definedBy("io.smtpscope.app..")
            .layer("services").definedBy("io.smtpscope.engine..", "io.smtpscope.report..", "io.smtpscope.history..",
                    "io.smtpscope.diff..", "io.smtpscope.monitor..", "io.smtpscope.watch..", "io.smtpscope.demo..")
            .layer("checks and policy").definedBy("io.smtpscope.probe..", "io.smtpscope.tls.enumeration..",
                    "io.smtpscope.session..", "io.smtpscope.mail..", "io.smtpscope.reproduce..", "io.smtpscope.finding..",
                    "io.smtpscope.diagnosis..", "io.smtpscope.profile..", "io.smtpscope.vuln..",
                    "io.smtpscope.smuggling..", "io.smtpscope.mtasts..", "io.smtpscope.tlsrpt..", "io.smtpscope.domain..")
            .layer("dialer").definedBy("io.smtpscope.net..")
            .layer("protocols").definedBy("io.smtpscope.smtp..", "io.smtpscope.tls", "io.smtpscope.cert..",
                    "io.smtpscope.dns..", "io.smtpscope.https..")
            .layer("model").definedBy("io.smtpscope.result..", "io.smtpscope.target..", "io.smtpscope.text..",
                    "io.smtpscope.resource..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("app").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("services").mayOnlyBeAccessedByLayers("cli", "app")
            .whereLayer("checks and policy").mayOnlyBeAccessedByLayers("cli", "app", "services")
            .whereLayer("dialer").mayOnlyBeAccessedByLayers("cli", "app", "services", "checks and policy")
            .whereLayer("protocols").mayOnlyBeAccessedByLayers("cli", "app", "services", "checks and policy", "dialer");

    /** Commands never open connections or run probes themselves: that is what the dialer and the services are for. */
    @ArchTest
    static final ArchRule commandsNeverReachIntoProbes = noClasses().that().resideInAPackage("io.smtpscope.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("io.smtpscope.probe..", "io.smtpscope.tls.enumeration..")
            .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Dialer")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.smtpscope.net.Dialed")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.smtpscope.smtp.SmtpSession");

    /** One place opens a TCP connection to a mail server: the dialer (servers in demo/ accept, they do not dial). */
    @ArchTest
    static final ArchRule onlyTheDialerConnects = noClasses().that().resideOutsideOfPackages("io.smtpscope.net", "io.smtpscope.demo")
            .should().callMethod(java.net.Socket.class, "connect", java.net.SocketAddress.class, int.class)
            .orShould().callMethod(java.net.Socket.class, "connect", java.net.SocketAddress.class)
            .orShould().callConstructor(java.net.Socket.class, String.class, int.class)
            .orShould().callConstructor(java.net.Socket.class, java.net.InetAddress.class, int.class);

    /**
     * Security properties (jdk.tls.disabledAlgorithms and its kin) apply to every connection of the process: the one
     * class that relaxes one for observing is the one that restores the JDK's policy where credentials travel.
     */
    @ArchTest
    static final ArchRule onlyTlsContextsSetsProcessWideProperties = noClasses()
            .that().doNotHaveFullyQualifiedName("io.smtpscope.tls.TlsContexts")
            .should().callMethod(java.security.Security.class, "setProperty", String.class, String.class)
            .orShould().callMethod(System.class, "setProperty", String.class, String.class);
}
