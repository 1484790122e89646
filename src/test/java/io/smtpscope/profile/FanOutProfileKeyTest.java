package io.smtpscope.profile;

import io.smtpscope.target.FanOutLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code fan_out} profile keys: how many MX hosts per domain and addresses per name a scan takes. */
class FanOutProfileKeyTest {
    @TempDir
    Path dir;

    private Profile load(String yaml) throws Exception {
        Path file = dir.resolve("p" + yaml.hashCode() + ".yaml");
        Files.writeString(file, yaml);
        return new ProfileLoader().load(file.toString());
    }

    @Test
    void tenOfEachByDefaultAsTheBundledFileSays() throws Exception {
        assertEquals(new FanOutLimits(10, 10), Profile.builtIn().fanOut());
        assertEquals(Profile.builtIn().fanOut(), new ProfileLoader().load("default").fanOut());
    }

    @Test
    void eitherLimitCanBeSetAndTheOtherIsInherited() throws Exception {
        assertEquals(new FanOutLimits(3, 10), load("fan_out:\n  max_mx_hosts: 3\n").fanOut());
        Path parent = dir.resolve("parent.yaml");
        Files.writeString(parent, "fan_out:\n  max_addresses: 2\n");
        assertEquals(new FanOutLimits(25, 2), load("extends: " + parent + "\nfan_out:\n  max_mx_hosts: 25\n").fanOut());
    }

    @Test
    void outOfRangeOrWrongTypeIsAClearErrorWithTheLine() throws Exception {
        for (String bad : new String[]{"0", "-1", "1001"}) {
            ProfileException e = assertThrows(ProfileException.class, () -> load("name: x\nfan_out:\n  max_mx_hosts: " + bad + "\n"));
            assertTrue(e.getMessage().contains(":3: ") && e.getMessage().contains(bad + " is outside 1..1000"), e.getMessage());
        }
        ProfileException text = assertThrows(ProfileException.class, () -> load("fan_out:\n  max_addresses: many\n"));
        assertTrue(text.getMessage().contains("fan_out.max_addresses: expected a whole number, got 'many'"), text.getMessage());
        ProfileException unknown = assertThrows(ProfileException.class, () -> load("fan_out:\n  max_hosts: 3\n"));
        assertTrue(unknown.getMessage().contains("unknown key 'max_hosts'") && unknown.getMessage().contains("max_mx_hosts"),
                unknown.getMessage());
    }
}
