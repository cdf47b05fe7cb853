package k8snet.proxy;

import java.util.function.ToLongFunction;

import k8snet.Require;

/**
 * A hash table of entries that each carry their own key, a connection tuple packed into two {@code long}s: a
 * flat array of entry references, probed linearly from the key's home slot (open addressing, as in Knuth's
 * <i>The Art of Computer Programming</i>, vol. 3, 6.4, Algorithm L; deletion shifts the rest of the run back,
 * Algorithm R, so no tombstones are left behind).
 *
 * <p>Provided code, not an exercise. A {@link java.util.HashMap} lookup reads the bucket array, then a node,
 * then the key object, then the value object: at a million flows, far larger than the CPU's caches, each of
 * those is a wait on main memory. Here a lookup reads one array slot and the entry it points to, which holds
 * the key, so a hit costs two such reads. The table stays at most a quarter full, so most lookups find their
 * entry in its home slot and rarely read a second entry.
 *
 * <pre>{@code
 * TupleTable<Entry> byOriginal = new TupleTable<>(e -> e.originalSource, e -> e.originalDestination);
 * byOriginal.put(entry);                          // under (entry.originalSource, entry.originalDestination)
 * byOriginal.get(source, destination);            // entry, or null if no entry has that key
 * byOriginal.remove(entry);                       // true: it was there
 * }</pre>
 *
 * @param <E> the entries; the two functions read an entry's key, which must not change while it is in a table
 */
final class TupleTable<E> {

    private static final int MIN_CAPACITY = 16;

    private final ToLongFunction<E> high;
    private final ToLongFunction<E> low;
    private Object[] slots = new Object[MIN_CAPACITY];
    private int size;

    /**
     * An empty table whose entries' keys are {@code (high(entry), low(entry))}.
     *
     * @throws IllegalArgumentException if an argument is null
     */
    TupleTable(ToLongFunction<E> high, ToLongFunction<E> low) {
        this.high = Require.nonNull(high, "high");
        this.low = Require.nonNull(low, "low");
    }

    /** The number of entries. */
    int size() {
        return size;
    }

    /** The entry under this key, or null if there is none. */
    E get(long keyHigh, long keyLow) {
        int mask = slots.length - 1;
        for (int i = home(keyHigh, keyLow, mask); ; i = (i + 1) & mask) {
            E e = at(i);
            if (e == null || high.applyAsLong(e) == keyHigh && low.applyAsLong(e) == keyLow) {
                return e;
            }
        }
    }

    /**
     * Adds an entry under its key.
     *
     * @throws IllegalArgumentException if {@code entry} is null or an entry already has its key
     */
    void put(E entry) {
        Require.nonNull(entry, "entry");
        long keyHigh = high.applyAsLong(entry);
        long keyLow = low.applyAsLong(entry);
        E taken = get(keyHigh, keyLow);
        if (taken != null) {
            throw new IllegalArgumentException("Cannot put " + entry + ": " + taken + " has the same key");
        }
        if ((size + 1) * 4L > slots.length) {
            grow();
        }
        insert(entry, keyHigh, keyLow);
        size++;
    }

    /**
     * Removes this entry (the same object, not merely one with an equal key).
     *
     * @return whether it was in the table
     * @throws IllegalArgumentException if {@code entry} is null
     */
    boolean remove(E entry) {
        Require.nonNull(entry, "entry");
        int mask = slots.length - 1;
        int i = home(high.applyAsLong(entry), low.applyAsLong(entry), mask);
        while (slots[i] != entry) {
            if (slots[i] == null) {
                return false;
            }
            i = (i + 1) & mask;
        }
        // Algorithm R: walk the rest of the run; an entry whose home is not between the hole and itself
        // (cyclically) would be lost behind the hole, so it moves into the hole, which moves to it.
        int hole = i;
        slots[hole] = null;
        for (int j = (hole + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            E e = at(j);
            int k = home(high.applyAsLong(e), low.applyAsLong(e), mask);
            if (((j - k) & mask) >= ((j - hole) & mask)) {
                slots[hole] = e;
                slots[j] = null;
                hole = j;
            }
        }
        size--;
        return true;
    }

    private void grow() {
        Object[] old = slots;
        slots = new Object[old.length * 2];
        for (Object o : old) {
            if (o != null) {
                @SuppressWarnings("unchecked")
                E e = (E) o;
                insert(e, high.applyAsLong(e), low.applyAsLong(e));
            }
        }
    }

    /** Into the first free slot from the key's home; the caller has checked the key is absent. */
    private void insert(E entry, long keyHigh, long keyLow) {
        int mask = slots.length - 1;
        int i = home(keyHigh, keyLow, mask);
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        slots[i] = entry;
    }

    @SuppressWarnings("unchecked")
    private E at(int i) {
        return (E) slots[i];
    }

    /** The key's home slot: both halves mixed (two odd multipliers), so neighbouring tuples spread apart. */
    private static int home(long keyHigh, long keyLow, int mask) {
        long h = (keyHigh * 0x9E37_79B9_7F4A_7C15L) ^ keyLow;
        h *= 0xC2B2_AE3D_27D4_EB4FL;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
