package io.smtpscope.fuzz;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Seeded random inputs for the fuzz and property tests, and the loop that runs a property over them.
 *
 * <p>{@link #forAll} runs a property on a number of generated cases. Every case draws from its own
 * {@link SplittableRandom}, so a failing case is reproduced from its seed alone. The run is deterministic:
 * the base seed comes from the calling test's class and method name, and the first case of a run uses the
 * base seed itself. Two system properties change that, for a long session or to replay a failure:
 * <ul>
 *   <li>{@code -Dsmtpscope.fuzz.cases=N}: N cases for every property instead of its own default;</li>
 *   <li>{@code -Dsmtpscope.fuzz.seed=S}: base seed S (decimal or {@code 0x} hex) for every property, or
 *       {@code random} for a fresh one (printed to the test's output).</li>
 * </ul>
 * A failure names the case, its seed, the generated input and the command that replays only that case.
 *
 * <p>The generator methods bias sizes towards their edges (empty, minimum, maximum, small), and
 * {@link #string(int)} draws from every UTF-16 code unit with extra weight on the characters that have bitten
 * parsers and terminals: C0/C1 controls, CR, LF, NUL, DEL, bidi overrides, zero-width characters, Unicode line
 * separators, U+FFFE/U+FFFF, supplementary code points.
 */
public final class RandomInputs {
    public static final String CASES_PROPERTY = "smtpscope.fuzz.cases";
    public static final String SEED_PROPERTY = "smtpscope.fuzz.seed";

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    /** Characters that are invisible, reorder text or end lines: bidi controls, zero-width, separators, BOM. */
    private static final String HOSTILE = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
            + "\u200b\u200c\u200d\u2060\ufeff\u2028\u2029\u0085\u00a0\u00ad\ufffd\ufffe\uffff\r\n\t\u0000\u001b\u007f";

    private final SplittableRandom random;

    private RandomInputs(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A property over one generated input; may throw anything, which fails the case. */
    @FunctionalInterface
    public interface Property<T> {
        void check(T input) throws Exception;
    }

    /**
     * Runs {@code property} on {@code defaultCases} inputs from {@code generator} (or as many as
     * {@code -Dsmtpscope.fuzz.cases} says). Call it directly from the test method: the method's name seeds the
     * run and goes into the replay command of a failure.
     */
    public static <T> void forAll(int defaultCases, Function<RandomInputs, ? extends T> generator, Property<? super T> property) {
        StackWalker.StackFrame caller = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(RandomInputs.class.getName())).findFirst().orElseThrow());
        String simpleClass = caller.getClassName().substring(caller.getClassName().lastIndexOf('.') + 1);
        String name = simpleClass + "#" + caller.getMethodName();
        int cases = cases(defaultCases);
        long base = baseSeed(name);
        for (int i = 0; i < cases; i++) {
            long seed = caseSeed(base, i);
            T input = null;
            try {
                input = generator.apply(new RandomInputs(seed));
                property.check(input);
            } catch (Throwable failure) {
                if (failure instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
                throw new AssertionError(String.format(
                        "%s failed on case %d of %d, seed 0x%016x%n  input: %s%n  cause: %s%n"
                                + "  replay: mvn -o test -Dtest='%s' -D%s=0x%016x -D%s=1",
                        name, i + 1, cases, seed, describe(input), failure, name, SEED_PROPERTY, seed, CASES_PROPERTY),
                        failure);
            }
        }
    }

    /** The number of cases to run: {@code -Dsmtpscope.fuzz.cases} if set, else the property's default. */
    public static int cases(int defaultCases) {
        String configured = System.getProperty(CASES_PROPERTY, "").strip();
        if (configured.isEmpty()) {
            return defaultCases;
        }
        int cases = Integer.parseInt(configured);
        if (cases < 1) {
            throw new IllegalArgumentException(CASES_PROPERTY + " must be at least 1: " + configured);
        }
        return cases;
    }

    static long baseSeed(String name) {
        String configured = System.getProperty(SEED_PROPERTY, "").strip();
        if (configured.isEmpty()) {
            long hash = 0xcbf29ce484222325L; // FNV-1a over the name: stable across runs and JDKs
            for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
                hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
            }
            return hash;
        }
        if (configured.equalsIgnoreCase("random")) {
            long seed = new java.security.SecureRandom().nextLong();
            System.out.printf("%s: base seed 0x%016x%n", name, seed);
            return seed;
        }
        return configured.regionMatches(true, 0, "0x", 0, 2)
                ? Long.parseUnsignedLong(configured.substring(2), 16)
                : Long.parseLong(configured);
    }

    /** Case 0 runs on the base seed itself, so {@code seed=S, cases=1} replays exactly the case that had seed S. */
    static long caseSeed(long base, int index) {
        if (index == 0) {
            return base;
        }
        long z = base + index * GOLDEN_GAMMA; // SplitMix64 finaliser: unrelated streams for neighbouring cases
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    // ---- generators -------------------------------------------------------------------------------------

    /** A uniform int in [min, max], both included. */
    public int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    public boolean bool() {
        return random.nextBoolean();
    }

    public byte aByte() {
        return (byte) random.nextInt(256);
    }

    public long aLong() {
        return random.nextLong();
    }

    /** A {@link Random} seeded from this case, for generators written against {@code java.util.Random}. */
    public Random javaRandom() {
        return new Random(random.nextLong());
    }

    @SafeVarargs
    public final <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    public <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** One of the given generators, chosen uniformly, then run. */
    @SafeVarargs
    public final <T> T oneOf(Supplier<? extends T>... generators) {
        return generators[random.nextInt(generators.length)].get();
    }

    /** A size in [min, max], with the edges and small sizes more likely than uniform. */
    public int size(int min, int max) {
        int roll = random.nextInt(16);
        if (roll == 0 || min == max) {
            return min;
        }
        if (roll == 1) {
            return max;
        }
        if (roll < 5) {
            return min + random.nextInt(Math.min(max - min, 8) + 1);
        }
        return between(min, max);
    }

    /** Uniform random bytes, the length given by {@link #size}. */
    public byte[] bytes(int minSize, int maxSize) {
        byte[] out = new byte[size(minSize, maxSize)];
        random.nextBytes(out);
        return out;
    }

    public <T> List<T> list(int minSize, int maxSize, Supplier<? extends T> element) {
        int n = size(minSize, maxSize);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.get());
        }
        return out;
    }

    /** A list of ints in [min, max]. */
    public List<Integer> ints(int minSize, int maxSize, int min, int max) {
        return list(minSize, maxSize, () -> between(min, max));
    }

    /**
     * Any character of the Basic Multilingual Plane except a surrogate half, weighted towards controls and
     * invisible or reordering characters.
     */
    public char anyChar() {
        int roll = random.nextInt(20);
        return switch (roll) {
            case 0, 1, 2, 3, 4, 5 -> (char) between(' ', '~');
            case 6, 7 -> (char) between(0, 0x1f);
            case 8 -> (char) between(0x7f, 0x9f);
            case 9, 10, 11 -> HOSTILE.charAt(random.nextInt(HOSTILE.length()));
            case 12, 13 -> (char) between(0xa0, 0xff);
            default -> {
                char c;
                do {
                    c = (char) random.nextInt(0x10000);
                } while (Character.isSurrogate(c));
                yield c;
            }
        };
    }

    /**
     * Text of up to {@code maxLength} UTF-16 units: {@link #anyChar()}s and, now and then, a supplementary code
     * point as a proper surrogate pair. Never a lone surrogate: text decoded from bytes, a file or a command
     * line cannot hold one (and it could not be written back as UTF-8).
     */
    public String string(int maxLength) {
        int n = size(0, maxLength);
        StringBuilder out = new StringBuilder(n);
        while (out.length() < n) {
            if (n - out.length() >= 2 && random.nextInt(20) == 0) {
                out.appendCodePoint(between(0x10000, Character.MAX_CODE_POINT));
            } else {
                out.append(anyChar());
            }
        }
        return out.toString();
    }

    /** A string of characters from {@code alphabet}. */
    public String string(String alphabet, int maxLength) {
        int n = size(0, maxLength);
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** A string of characters in [first, last]. */
    public String string(char first, char last, int maxLength) {
        int n = size(0, maxLength);
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append((char) between(first, last));
        }
        return out.toString();
    }

    /** A copy of {@code seed} with between {@code minChanges} and {@code maxChanges} bytes overwritten at random. */
    public byte[] overwrite(byte[] seed, int minChanges, int maxChanges) {
        byte[] out = seed.clone();
        int changes = size(minChanges, maxChanges);
        for (int i = 0; i < changes; i++) {
            out[random.nextInt(out.length)] = aByte();
        }
        return out;
    }

    // ---- failure messages -------------------------------------------------------------------------------

    /** A readable, bounded rendering of a generated input: hex for bytes, escapes for unusual characters. */
    public static String describe(Object input) {
        StringBuilder out = new StringBuilder();
        describe(input, out);
        return out.length() > 4000 ? out.substring(0, 4000) + "... (" + out.length() + " characters)" : out.toString();
    }

    private static void describe(Object input, StringBuilder out) {
        switch (input) {
            case null -> out.append("null");
            case byte[] bytes -> {
                out.append("byte[").append(bytes.length).append("] ");
                out.append(HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 1024)));
                if (bytes.length > 1024) {
                    out.append("...");
                }
            }
            case CharSequence text -> {
                out.append('"');
                text.chars().forEach(c -> {
                    if (c >= ' ' && c <= '~' && c != '"' && c != '\\') {
                        out.append((char) c);
                    } else {
                        out.append(String.format("\\u%04x", c));
                    }
                });
                out.append('"');
            }
            case Collection<?> items -> {
                out.append('[');
                String separator = "";
                for (Object item : items) {
                    out.append(separator);
                    describe(item, out);
                    separator = ", ";
                }
                out.append(']');
            }
            case Record record -> {
                out.append(record.getClass().getSimpleName()).append('[');
                String separator = "";
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    out.append(separator).append(component.getName()).append('=');
                    try {
                        component.getAccessor().setAccessible(true);
                        describe(component.getAccessor().invoke(record), out);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        out.append('?');
                    }
                    separator = ", ";
                }
                out.append(']');
            }
            default -> out.append(input);
        }
    }
}
