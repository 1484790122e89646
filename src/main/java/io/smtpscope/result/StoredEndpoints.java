package io.smtpscope.result;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A read-only list of results kept outside the heap (a spill file): {@code get(i)} reads the result back each time.
 * {@link ScanReport} keeps such a list as it is instead of copying it, so a large scan's report holds an index, not
 * every result; the consumers that must keep a subset use {@link EndpointLists} to keep positions, not results.
 */
public abstract class StoredEndpoints extends AbstractList<EndpointResult> implements RandomAccess {
}
