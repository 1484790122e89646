package io.smtpscope.history;

import io.smtpscope.result.ScanReport;

/**
 * What {@code diff} compares without arguments: the newest run, and for each of its endpoints the records of the
 * latest earlier run that covered the same host, port and mode. {@code previousRuns} says how many runs those
 * records came from; {@code previous.startedAt()} is the oldest of them.
 */
public record LastComparison(ScanReport previous, ScanReport latest, int previousRuns) {
}
