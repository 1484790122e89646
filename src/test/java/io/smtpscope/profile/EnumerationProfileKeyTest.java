package io.smtpscope.profile;

import io.smtpscope.tls.enumeration.EnumerationDepth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code enumeration} profile key (issue 3). */
class EnumerationProfileKeyTest {
    @Test
    void defaultProfileEnumeratesFully() throws Exception {
        assertEquals(EnumerationDepth.FULL, new ProfileLoader().load("default").enumeration());
        assertEquals(EnumerationDepth.FULL, Profile.builtIn().enumeration());
    }

    @Test
    void fileCanLowerTheDepthAndInheritsIt(@TempDir Path dir) throws Exception {
        Path quick = dir.resolve("quick.yaml");
        Files.writeString(quick, "enumeration: protocols\n");
        assertEquals(EnumerationDepth.PROTOCOLS, new ProfileLoader().load(quick.toString()).enumeration());
        Path child = dir.resolve("child.yaml");
        Files.writeString(child, "extends: " + quick + "\n");
        assertEquals(EnumerationDepth.PROTOCOLS, new ProfileLoader().load(child.toString()).enumeration());
        Files.writeString(quick, "enumeration: off\n");
        assertEquals(EnumerationDepth.OFF, new ProfileLoader().load(quick.toString()).enumeration());
    }

    @Test
    void badValueIsAClearError(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "enumeration: everything\n");
        ProfileException e = assertThrows(ProfileException.class, () -> new ProfileLoader().load(bad.toString()));
        assertTrue(e.getMessage().contains("enumeration") && e.getMessage().contains("off, protocols, full"), e.getMessage());
    }
}
