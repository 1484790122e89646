package io.smtpscope.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smtpscope.target.Shard;

import java.time.Instant;
import java.util.List;

/**
 * The first and the last line of a sharded scan's JSON Lines stream, around its endpoint lines: the {@code start}
 * line says which shard the file holds and carries the run's header (tool, profile, start, input errors), the
 * {@code end} line says the shard ran to its end and how many endpoint lines it wrote. A file without its end
 * line, or with fewer endpoint lines than it counts, was cut short. A stream without {@code --shard} has neither.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardLine(Shard shard, String shardLine, Tool tool, String profile, Instant startedAt,
                        List<String> inputErrors, Instant finishedAt, Integer endpointCount) {
    public static final String START = "start";
    public static final String END = "end";

    public static ShardLine start(Shard shard, Tool tool, String profile, Instant startedAt, List<String> inputErrors) {
        return new ShardLine(shard, START, tool, profile, startedAt, List.copyOf(inputErrors), null, null);
    }

    public static ShardLine end(Shard shard, Instant finishedAt, int endpointCount) {
        return new ShardLine(shard, END, null, null, null, null, finishedAt, endpointCount);
    }
}
