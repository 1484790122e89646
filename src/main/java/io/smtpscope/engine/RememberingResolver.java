package io.smtpscope.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks once per name and gives the same answer, or the same failure, every time after. A sharded scan resolves every
 * name to choose its shard, then scans: the scan must connect to the addresses the choice was made on, not to a
 * round-robin's next answer, which might belong to another shard.
 */
public final class RememberingResolver implements Resolver {
    private final Resolver resolver;
    private final ConcurrentHashMap<String, Answer> answers = new ConcurrentHashMap<>();

    private record Answer(List<InetAddress> addresses, UnknownHostException failure, RuntimeException crash) {
    }

    public RememberingResolver(Resolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        Answer answer = answers.computeIfAbsent(host, this::ask);
        if (answer.failure() != null) {
            throw answer.failure();
        }
        if (answer.crash() != null) {
            throw answer.crash();
        }
        return answer.addresses();
    }

    private Answer ask(String host) {
        try {
            return new Answer(List.copyOf(resolver.resolve(host)), null, null);
        } catch (UnknownHostException e) {
            return new Answer(null, e, null);
        } catch (RuntimeException e) {
            return new Answer(null, null, e);
        }
    }
}
