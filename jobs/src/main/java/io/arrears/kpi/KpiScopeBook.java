package io.arrears.kpi;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One scope's KPIs in memory: its components (a {@link KpiStore}), the contributions waiting for business time,
 * and when its next snapshot is due. A job has a handful of scopes (the portfolio, its segments and collectors),
 * each a few kilobytes, so they live on the heap and are checkpointed whole; every instant at which something
 * happens to a scope is found from its own sorted maps, so business time passing costs one look per instant,
 * not a state read.
 *
 * <p>In business-time order up to {@link #advance}: contributions apply at their instant, flows leave the window
 * at theirs, issue dates no formula reaches are forgotten at the start of each day, and a snapshot is taken at
 * every interval boundary and at the horizon, holding exactly what happened up to its instant.
 */
public final class KpiScopeBook implements KpiStore {

    private static final int FORMAT = 1;

    private final String scopeKey;
    private long[] stocks;
    private long[] running;
    private final NavigableMap<Long, long[]> leaving = new TreeMap<>();
    private final NavigableMap<Long, long[]> days = new TreeMap<>();
    private final NavigableMap<Long, KpiPending> pending = new TreeMap<>();
    /** The next snapshot's instant, or Long.MAX_VALUE while none is due. */
    private long nextSnapshot = Long.MAX_VALUE;
    /** The instant of the scope's (event-time) timer, or Long.MAX_VALUE: it goes with the book's checkpoint. */
    private long timerAt = Long.MAX_VALUE;

    public KpiScopeBook(String scopeKey) {
        this.scopeKey = scopeKey;
    }

    public String scopeKey() {
        return scopeKey;
    }

    /**
     * A contribution arrives while business time is at {@code watermark}: it waits for its instant, or, if that
     * has passed (a late event), applies now.
     */
    public void add(KpiDelta delta, long watermark, KpiSettings settings, long horizon) {
        // The first snapshot is due at the boundary of the earliest contribution, which need not arrive first
        // (another customer's ledger may run ahead); one already applied counts from the next boundary on.
        long boundary = Math.min(settings.boundaryAtOrAfter(Math.max(delta.at(), watermark + 1)), horizon);
        nextSnapshot = Math.min(nextSnapshot, boundary);
        if (delta.at() <= watermark) {
            accumulator(settings, horizon).add(delta, watermark, at -> { }, at -> { });
        } else {
            pending.computeIfAbsent(delta.at(), at -> new KpiPending()).plus(delta);
        }
    }

    /**
     * Business time reached {@code watermark}: everything due up to it (and up to the horizon) happens, in order
     * of instant; snapshots go to {@code out}.
     */
    public void advance(long watermark, KpiSettings settings, long horizon, Consumer<KpiSnapshot> out) {
        KpiAccumulator accumulator = accumulator(settings, horizon);
        long until = Math.min(watermark, horizon);
        for (long at = next(settings); at <= until; at = next(settings)) {
            KpiPending due = pending.remove(at);
            if (due != null) {
                for (KpiDelta delta : due.deltas(KpiScope.ofKey(scopeKey), KpiScope.idOfKey(scopeKey), at)) {
                    accumulator.add(delta, at, instant -> { }, instant -> { });
                }
            }
            accumulator.leave(at);
            if (settings.calendar().startOf(settings.calendar().dateOf(at)) == at) {
                accumulator.forgetDaysBefore(at);
            }
            if (nextSnapshot == at) {
                out.accept(new KpiSnapshot(KpiScope.ofKey(scopeKey), KpiScope.idOfKey(scopeKey), at,
                        settings.rates().reporting(), settings.windowDays(), accumulator.values(at)));
                nextSnapshot = at < horizon ? Math.min(settings.boundaryAtOrAfter(at + 1), horizon) : Long.MAX_VALUE;
            }
        }
    }

    /** The next instant at which something happens to this scope, or Long.MAX_VALUE. */
    public long next(KpiSettings settings) {
        long next = nextSnapshot;
        if (!pending.isEmpty()) {
            next = Math.min(next, pending.firstKey());
        }
        if (!leaving.isEmpty()) {
            next = Math.min(next, leaving.firstKey());
        }
        if (!days.isEmpty()) {
            next = Math.min(next, KpiAccumulator.dayExpiresAt(days.firstKey(), settings));
        }
        return next;
    }

    /**
     * The instant a timer must be registered at so that the next instant is not missed, or Long.MAX_VALUE if
     * the registered one comes first or nothing is due up to the horizon.
     */
    public long timerNeeded(KpiSettings settings, long horizon) {
        long next = next(settings);
        if (next > horizon || next >= timerAt) {
            return Long.MAX_VALUE;
        }
        timerAt = next;
        return next;
    }

    /** The timer at {@code at} fired. */
    public void timerFired(long at) {
        if (at >= timerAt) {
            timerAt = Long.MAX_VALUE;
        }
    }

    /**
     * A scope's KPIs are read only at its snapshots (interval boundaries and the horizon), so flows leave the
     * window together at the first snapshot at or after their own instant: the book keeps one entry per
     * interval, not one per instant at which money moved.
     */
    private static KpiAccumulator accumulator(KpiScopeBook book, KpiSettings settings, long horizon) {
        return new KpiAccumulator(book, settings, at -> at <= horizon
                ? Math.min(settings.boundaryAtOrAfter(at), horizon) : settings.boundaryAtOrAfter(at));
    }

    private KpiAccumulator accumulator(KpiSettings settings, long horizon) {
        return accumulator(this, settings, horizon);
    }

    // ---- KpiStore ----

    @Override
    public long[] stocks() {
        return stocks;
    }

    @Override
    public void putStocks(long[] values) {
        stocks = values;
    }

    @Override
    public long[] running() {
        return running;
    }

    @Override
    public void putRunning(long[] values) {
        running = values;
    }

    @Override
    public long[] leaving(long at) {
        return leaving.get(at);
    }

    @Override
    public void putLeaving(long at, long[] flows) {
        leaving.put(at, flows);
    }

    @Override
    public void removeLeaving(long at) {
        leaving.remove(at);
    }

    @Override
    public Iterable<Map.Entry<Long, long[]>> leavingEntries() {
        return new ArrayList<>(leaving.entrySet());
    }

    @Override
    public long[] day(long epochDay) {
        return days.get(epochDay);
    }

    @Override
    public void putDay(long epochDay, long[] measures) {
        days.put(epochDay, measures);
    }

    @Override
    public void removeDay(long epochDay) {
        days.remove(epochDay);
    }

    @Override
    public Iterable<Map.Entry<Long, long[]>> days() {
        return new ArrayList<>(days.entrySet());
    }

    @Override
    public NavigableMap<Long, long[]> sortedDays() {
        return java.util.Collections.unmodifiableNavigableMap(days);
    }

    /** A scope sends to no scope. */
    @Override
    public List<String> scopes() {
        return null;
    }

    @Override
    public void putScopes(List<String> scopes) {
        throw new UnsupportedOperationException("a scope's contributions go nowhere else");
    }

    // ---- checkpoints ----

    public void write(DataOutput out) throws IOException {
        out.writeInt(FORMAT);
        out.writeUTF(scopeKey);
        writeArray(out, stocks);
        writeArray(out, running);
        writeMap(out, leaving);
        writeMap(out, days);
        out.writeInt(pending.size());
        for (Map.Entry<Long, KpiPending> waiting : pending.entrySet()) {
            out.writeLong(waiting.getKey());
            writeArray(out, waiting.getValue().encode());
        }
        out.writeLong(nextSnapshot);
        out.writeLong(timerAt);
    }

    public static KpiScopeBook read(DataInput in) throws IOException {
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("unknown KPI scope state format " + format);
        }
        KpiScopeBook book = new KpiScopeBook(in.readUTF());
        book.stocks = readArray(in);
        book.running = readArray(in);
        readMap(in, book.leaving);
        readMap(in, book.days);
        for (int n = in.readInt(); n > 0; n--) {
            book.pending.put(in.readLong(), KpiPending.decode(readArray(in)));
        }
        book.nextSnapshot = in.readLong();
        book.timerAt = in.readLong();
        return book;
    }

    private static void writeArray(DataOutput out, long[] values) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (long value : values) {
                out.writeLong(value);
            }
        }
    }

    private static long[] readArray(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        long[] values = new long[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }

    private static void writeMap(DataOutput out, Map<Long, long[]> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<Long, long[]> entry : map.entrySet()) {
            out.writeLong(entry.getKey());
            writeArray(out, entry.getValue());
        }
    }

    private static void readMap(DataInput in, Map<Long, long[]> map) throws IOException {
        for (int n = in.readInt(); n > 0; n--) {
            map.put(in.readLong(), readArray(in));
        }
    }
}
