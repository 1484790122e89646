package io.smtpscope.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a YAML data file shipped inside the jar (findings, diagnoses, reply codes, login advice) into typed
 * records. One configuration for all of them: snake_case keys, and an unknown key is an error, so a typo in
 * a catalogue fails the build's tests instead of silently dropping a field. The resource name is in every
 * error: these files are edited by hand.
 */
public final class BundledYaml {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private BundledYaml() {
    }

    /** The resource {@code name}, relative to {@code owner}'s package, as a {@code type}. */
    public static <T> T read(Class<?> owner, String name, Class<T> type) {
        return read(owner, name, YAML.constructType(type));
    }

    /** As {@link #read(Class, String, Class)}, for generic types such as {@code Map<String, Entry>}. */
    public static <T> T read(Class<?> owner, String name, TypeReference<T> type) {
        return read(owner, name, YAML.constructType(type));
    }

    private static String keyPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "" : path + ": ";
    }

    private static <T> T read(Class<?> owner, String name, JavaType type) {
        String where = owner.getPackageName().replace('.', '/') + "/" + name;
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource " + where + " is missing from the jar");
            }
            T value = YAML.readValue(in, type);
            if (value == null) {
                throw new IllegalStateException("bundled resource " + where + " is empty");
            }
            return value;
        } catch (MismatchedInputException e) {
            // The parser has already read past the culprit when binding fails: the key path says where, a line would not.
            throw new IllegalStateException("bundled resource " + where + ": " + keyPath(e) + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new IllegalStateException("bundled resource " + where + line + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled resource " + where, e);
        }
    }
}
