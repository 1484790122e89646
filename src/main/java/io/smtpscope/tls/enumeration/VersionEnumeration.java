package io.smtpscope.tls.enumeration;

import io.smtpscope.net.ConnectionSlots;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Protocol versions: one hello per version, highest first, with every suite of that version. An accepted
 * version's answer is also the first step of its suite enumeration, so it costs nothing extra there.
 * <p>
 * Some old servers and middleboxes drop a hello with hundreds of suites (or of 256-511 bytes, RFC 7685
 * section 1). When the whole-registry hello draws a close or a could-not-read alert, one retry with
 * {@link #SMALL_HELLO_SUITES} common suites tells a size problem from an unsupported version; from then on
 * every hello offers at most that many suites, and "no common suite" for one chunk sends the next.
 */
final class VersionEnumeration implements Enumeration {
    static final String DIMENSION = "protocol versions";
    static final int SMALL_HELLO_SUITES = 64;
    static final List<TlsVersion> HIGH_FIRST = List.of(
            TlsVersion.TLS13, TlsVersion.TLS12, TlsVersion.TLS11, TlsVersion.TLS10, TlsVersion.SSLV3, TlsVersion.SSLV2);

    /**
     * {@code accepted}: per version (highest first) true, false, or null when it could not be tested (the reason
     * in {@code untested}). {@code firstHello}: the answer of each accepted version. {@code suitesPerHello}: how
     * many suites one hello may carry, {@link HelloOffers#WHOLE_LIST} unless the server needs small hellos.
     * {@code firstOffered}: the suites of the hello each first answer chose from, in offer order ({@link OrderEvidence}).
     */
    record Versions(Map<TlsVersion, Boolean> accepted, Map<TlsVersion, ServerFlight.Hello> firstHello,
                    int suitesPerHello, Map<TlsVersion, String> untested, Map<TlsVersion, List<Integer>> firstOffered) {
        Versions(Map<TlsVersion, Boolean> accepted, Map<TlsVersion, ServerFlight.Hello> firstHello,
                 int suitesPerHello, Map<TlsVersion, String> untested) {
            this(accepted, firstHello, suitesPerHello, untested, Map.of());
        }
    }

    @Override
    public String dimension() {
        return DIMENSION;
    }

    @Override
    public List<Requirement> requirements() {
        return List.of();
    }

    @Override
    public Optional<String> run(EnumerationContext context) {
        Versions found = new Pass(context.runner(), context.refusedInProbe(), context.slots()).run();
        context.versions(found);
        return found.untested().isEmpty() ? Optional.empty() : Optional.of(found.untested().entrySet().stream()
                .map(e -> e.getKey().label() + ": " + e.getValue()).collect(Collectors.joining("; ")));
    }

    static Versions enumerate(HelloRunner runner) {
        return new Pass(runner, java.util.Set.of(), ConnectionSlots.NONE).run();
    }

    /**
     * One run's state: the chunk size can shrink on the way down, and every later hello keeps to it. With a
     * borrowed connection slot, two versions are asked at once (each on its own connection; a lane's
     * observations are taken over after the other's), and everything is recorded highest first as before.
     */
    private static final class Pass {
        private final HelloRunner runner;
        private final Map<TlsVersion, Boolean> accepted = new LinkedHashMap<>();
        private final Map<TlsVersion, ServerFlight.Hello> firstHello = new LinkedHashMap<>();
        private final Map<TlsVersion, List<Integer>> firstOffered = new LinkedHashMap<>();
        private final Map<TlsVersion, String> untested = new LinkedHashMap<>();
        private final java.util.Set<TlsVersion> refusedInProbe;
        private final ConnectionSlots slots;
        private int suitesPerHello = HelloOffers.WHOLE_LIST;

        Pass(HelloRunner runner, java.util.Set<TlsVersion> refusedInProbe, ConnectionSlots slots) {
            this.runner = runner;
            this.refusedInProbe = refusedInProbe;
            this.slots = slots;
        }

        /** What one version's hellos found; {@code suitesPerHello} is what they left the chunk size at. */
        private record Answer(Boolean accepted, ServerFlight.Hello first, String untested, int suitesPerHello,
                              List<Integer> offered) {
            Answer(Boolean accepted, ServerFlight.Hello first, String untested, int suitesPerHello) {
                this(accepted, first, untested, suitesPerHello, null);
            }

            Answer offering(List<Integer> suites) {
                return new Answer(accepted, first, untested, suitesPerHello, List.copyOf(suites));
            }
        }

        Versions run() {
            // the probe's handshake already asked those: its client offered them, the server chose a lower version
            List<TlsVersion> toAsk = HIGH_FIRST.stream().filter(v -> !refusedInProbe.contains(v)).toList();
            Map<TlsVersion, Answer> answers = new java.util.EnumMap<>(TlsVersion.class);
            for (int i = 0; i < toAsk.size(); i++) {
                TlsVersion v = toAsk.get(i);
                Optional<ConnectionSlots.Slot> slot = i + 1 < toAsk.size() ? slots.borrow() : Optional.empty();
                if (slot.isEmpty()) {
                    answers.put(v, absorb(ask(runner, v, suitesPerHello)));
                    continue;
                }
                TlsVersion next = toAsk.get(++i);
                HelloRunner lane = runner.lane();
                int size = suitesPerHello;
                Answer[] aside = new Answer[1];
                RuntimeException[] crash = new RuntimeException[1];
                Thread helper = Thread.ofVirtual().name("tls-enumeration-lane").start(() -> {
                    try (ConnectionSlots.Slot held = slot.get()) {
                        aside[0] = ask(lane, next, size);
                    } catch (RuntimeException e) {
                        crash[0] = e;
                    }
                });
                answers.put(v, absorb(ask(runner, v, size)));
                try {
                    helper.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    helper.interrupt();
                    throw new IllegalStateException("interrupted while enumerating versions", e);
                }
                if (crash[0] != null) {
                    throw crash[0];
                }
                runner.adopt(lane);
                answers.put(next, absorb(aside[0]));
            }
            for (TlsVersion v : HIGH_FIRST) {
                Answer answer = answers.get(v);
                if (answer == null) {
                    accepted.put(v, Boolean.FALSE);
                    continue;
                }
                accepted.put(v, answer.accepted());
                if (answer.first() != null) {
                    firstHello.put(v, answer.first());
                    if (answer.offered() != null) {
                        firstOffered.put(v, answer.offered());
                    }
                }
                if (answer.untested() != null) {
                    untested.put(v, answer.untested());
                }
            }
            return new Versions(accepted, firstHello, suitesPerHello, untested, firstOffered);
        }

        /** A server that needed small hellos for one version gets them for every later one. */
        private Answer absorb(Answer answer) {
            suitesPerHello = Math.min(suitesPerHello, answer.suitesPerHello());
            return answer;
        }

        private static Answer ask(HelloRunner runner, TlsVersion v, int suitesPerHello) {
            if (v == TlsVersion.SSLV2) {
                return classify(v, runner.hello(v, List.of(), HelloOffers.allGroups(v)), suitesPerHello);
            }
            List<Integer> offer = HelloOffers.codes(HelloOffers.suites(v, suitesPerHello));
            List<Integer> sent = HelloOffers.chunk(offer, suitesPerHello);
            HelloExchange.Outcome outcome = runner.hello(v, sent, HelloOffers.allGroups(v));
            if (suitesPerHello == HelloOffers.WHOLE_LIST && offer.size() > SMALL_HELLO_SUITES && outcome.looksLikeSizeTrouble()) {
                List<Integer> common = HelloOffers.codes(HelloOffers.commonFirst(HelloOffers.suites(v)));
                HelloExchange.Outcome small = runner.hello(v, common.subList(0, SMALL_HELLO_SUITES), HelloOffers.allGroups(v));
                if (small.accepted(v).isPresent() || small.alert().isPresent() && small.noCommonSuite()) {
                    suitesPerHello = SMALL_HELLO_SUITES; // it reads small hellos: offer in chunks from now on
                    outcome = small;
                    offer = common;
                    sent = common.subList(0, SMALL_HELLO_SUITES);
                }
            }
            // offering in chunks: "no common suite" for one chunk proves nothing about the next
            for (int from = suitesPerHello; from < offer.size() && outcome.noCommonSuite(); from += suitesPerHello) {
                sent = offer.subList(from, Math.min(offer.size(), from + suitesPerHello));
                outcome = runner.hello(v, sent, HelloOffers.allGroups(v));
            }
            return classify(v, outcome, suitesPerHello).offering(sent);
        }

        private static Answer classify(TlsVersion v, HelloExchange.Outcome outcome, int suitesPerHello) {
            return switch (outcome) {
                case HelloExchange.Outcome.Failed f -> new Answer(null, null, f.reason(), suitesPerHello);
                case HelloExchange.Outcome.Closed c -> new Answer(false, null, null, suitesPerHello);
                case HelloExchange.Outcome.Answered a -> switch (a.flight()) {
                    case ServerFlight.Hello h when h.version() == v.code() -> new Answer(true, h, null, suitesPerHello);
                    case ServerFlight.Ssl2Hello s ->
                            new Answer(v == TlsVersion.SSLV2 && !s.cipherKinds().isEmpty(), null, null, suitesPerHello);
                    default -> new Answer(false, null, null, suitesPerHello); // an alert, an SSLv2 error, or another version
                };
            };
        }
    }
}
