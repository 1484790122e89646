package io.smtpscope.vuln;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every vulnerability check a profile can name, by id, in the order they run. "Safe" checks send nothing but
 * handshakes and alerts a server must cope with; profiles name them one by one or all at once with
 * {@value #SAFE}. Opt-in checks (they need the user's own recipient or credentials) are listed here so profiles
 * and reports know their ids, but are built by the caller that holds their options, never from a profile.
 */
public final class CheckCatalogue {
    /** In a profile's {@code vulnerability_checks}: every safe check. */
    public static final String SAFE = "safe";

    /** One check: its id, whether a profile may run it, and how to build it (null for opt-in checks). */
    public record Entry(String id, boolean safe, Supplier<VulnerabilityCheck> factory) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add(new Entry(FallbackScsvCheck.ID, true, FallbackScsvCheck::new));
        add(new Entry(SecureRenegotiationCheck.ID, true, SecureRenegotiationCheck::new));
        add(new Entry(ClientRenegotiationCheck.ID, true, ClientRenegotiationCheck::new));
        add(new Entry(HeartbleedCheck.ID, true, HeartbleedCheck::new));
        add(new Entry(CcsInjectionCheck.ID, true, CcsInjectionCheck::new));
        add(new Entry(RobotCheck.ID, true, RobotCheck::new));
        add(new Entry(StartTlsInjectionCheck.ID, true, StartTlsInjectionCheck::new));
        add(new Entry(SmugglingVulnerabilityCheck.ID, false, null));
    }

    private CheckCatalogue() {
    }

    private static void add(Entry entry) {
        ENTRIES.put(entry.id(), entry);
    }

    public static List<Entry> entries() {
        return List.copyOf(ENTRIES.values());
    }

    public static Optional<Entry> byId(String id) {
        return Optional.ofNullable(ENTRIES.get(id));
    }

    /** The ids of every safe check, in running order. */
    public static List<String> safeIds() {
        return ENTRIES.values().stream().filter(Entry::safe).map(Entry::id).toList();
    }

    /**
     * The ids a profile's list names, {@value #SAFE} expanded, in running order, each once. Throws
     * IllegalArgumentException naming an unknown id or an opt-in check.
     */
    public static List<String> resolve(List<String> named) {
        List<String> wanted = new ArrayList<>();
        for (String id : named) {
            if (id.equals(SAFE)) {
                wanted.addAll(safeIds());
                continue;
            }
            Entry entry = ENTRIES.get(id);
            if (entry == null) {
                throw new IllegalArgumentException("unknown vulnerability check '" + id + "' (known: " + SAFE + ", "
                        + String.join(", ", ENTRIES.keySet()) + ")");
            }
            if (!entry.safe()) {
                throw new IllegalArgumentException("'" + id + "' is opt-in only: it runs with its command-line option, never from a profile");
            }
            wanted.add(id);
        }
        return ENTRIES.keySet().stream().filter(wanted::contains).toList();
    }

    /** New instances of the checks {@code ids} names (resolved ids, see {@link #resolve}). */
    public static List<VulnerabilityCheck> create(List<String> ids) {
        List<VulnerabilityCheck> checks = new ArrayList<>();
        for (String id : resolve(ids)) {
            checks.add(ENTRIES.get(id).factory().get());
        }
        return checks;
    }
}
