package io.smtpscope.resource;

import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundledYamlTest {
    record Entry(String title, List<String> seeAlso) {
    }

    record File(Map<String, Entry> entries) {
    }

    @Test
    void readsSnakeCaseKeysIntoRecords() {
        File file = BundledYaml.read(BundledYamlTest.class, "good.yaml", File.class);
        assertEquals(new Entry("First", List.of("one", "two")), file.entries().get("first"));
        Map<String, Map<String, Entry>> generic = BundledYaml.read(BundledYamlTest.class, "good.yaml",
                new TypeReference<>() {
                });
        assertEquals("First", generic.get("entries").get("first").title());
    }

    @Test
    void aMisspeltKeyNamesTheResourceAndKeyPath() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BundledYaml.read(BundledYamlTest.class, "typo.yaml", File.class));
        assertTrue(e.getMessage().startsWith("bundled resource io/smtpscope/resource/typo.yaml: entries.first.titel: "), e.getMessage());
    }

    @Test
    void brokenYamlNamesTheResourceAndLine() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BundledYaml.read(BundledYamlTest.class, "broken.yaml", File.class));
        assertTrue(e.getMessage().matches("(?s)bundled resource io/smtpscope/resource/broken\\.yaml:\\d+: .*"), e.getMessage());
    }

    @Test
    void aMissingResourceIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BundledYaml.read(BundledYamlTest.class, "absent.yaml", File.class));
        assertEquals("bundled resource io/smtpscope/resource/absent.yaml is missing from the jar", e.getMessage());
    }
}
