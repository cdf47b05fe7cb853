package k8snet.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The provided open-addressing table under the reference Conntrack; not an exercise, so not graded. */
@Tag("ungraded")
@DisplayName("TupleTable: entries found by a packed tuple (provided code)")
class TupleTableTest {

    /** An entry with its key; equal keys, distinct objects, when a test needs them. */
    private record Item(long high, long low, String name) {
    }

    private static TupleTable<Item> table() {
        return new TupleTable<>(Item::high, Item::low);
    }

    @Test
    void anEmptyTableHasNothing() {
        TupleTable<Item> t = table();
        assertThat(t.size()).isZero();
        assertThat(t.get(0, 0)).isNull();
        assertThat(t.remove(new Item(0, 0, "a"))).isFalse();
    }

    @Test
    void findsAnEntryByBothHalvesOfItsKeyOnly() {
        TupleTable<Item> t = table();
        Item a = new Item(7, 9, "a");
        t.put(a);
        assertThat(t.get(7, 9)).isSameAs(a);
        assertThat(t.get(7, 8)).isNull();
        assertThat(t.get(9, 7)).isNull();
        assertThat(t.get(6, 9)).isNull();
        assertThat(t.size()).isEqualTo(1);
    }

    @Test
    void refusesASecondEntryWithTheSameKeyAndKeepsTheFirst() {
        TupleTable<Item> t = table();
        Item a = new Item(1, 2, "a");
        t.put(a);
        assertThatIllegalArgumentException().isThrownBy(() -> t.put(new Item(1, 2, "b")))
                .withMessage("Cannot put Item[high=1, low=2, name=b]: Item[high=1, low=2, name=a] has the same key");
        assertThat(t.get(1, 2)).isSameAs(a);
        assertThat(t.size()).isEqualTo(1);
    }

    @Test
    void removesOnlyTheSameObject() {
        TupleTable<Item> t = table();
        Item a = new Item(1, 2, "a");
        t.put(a);
        assertThat(t.remove(new Item(1, 2, "twin"))).isFalse();
        assertThat(t.get(1, 2)).isSameAs(a);
        assertThat(t.remove(a)).isTrue();
        assertThat(t.remove(a)).isFalse();
        assertThat(t.get(1, 2)).isNull();
        assertThat(t.size()).isZero();
    }

    @Test
    void nullsAreRefusedByName() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TupleTable<Item>(null, Item::low))
                .withMessageContaining("high");
        assertThatIllegalArgumentException().isThrownBy(() -> new TupleTable<Item>(Item::high, null))
                .withMessageContaining("low");
        assertThatIllegalArgumentException().isThrownBy(() -> table().put(null)).withMessageContaining("entry");
        assertThatIllegalArgumentException().isThrownBy(() -> table().remove(null)).withMessageContaining("entry");
    }

    /**
     * Against a HashMap, through growth and through removals in the middle of runs of colliding slots (keys
     * from a small range collide often; the run wraps round the end of the array too): every key present is
     * found, every key removed is not, after each step.
     */
    @Test
    void agreesWithAHashMapThroughGrowthAndRemovals() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            TupleTable<Item> t = table();
            Map<List<Long>, Item> model = new HashMap<>();
            for (int step = 0; step < 2_000; step++) {
                long high = random.nextInt(40);
                long low = random.nextInt(40);
                Item present = model.get(List.of(high, low));
                if (present == null) {
                    Item item = new Item(high, low, "s" + step);
                    t.put(item);
                    model.put(List.of(high, low), item);
                } else if (random.nextInt(3) > 0) {
                    assertThat(t.remove(present)).isTrue();
                    model.remove(List.of(high, low));
                }
                assertThat(t.size()).isEqualTo(model.size());
                if (step % 50 == 0) {
                    List<String> wrong = new ArrayList<>();
                    for (long h = 0; h < 40; h++) {
                        for (long l = 0; l < 40; l++) {
                            if (t.get(h, l) != model.get(List.of(h, l))) {
                                wrong.add("seed " + seed + " step " + step + " key (" + h + ", " + l + ")");
                            }
                        }
                    }
                    assertThat(wrong).isEmpty();
                }
            }
        }
    }

    @Test
    void keepsItsEntriesThroughManyDoublingsAndRemovesHalf() {
        TupleTable<Item> t = table();
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            Item item = new Item(i / 1000, i % 1000, null);
            items.add(item);
            t.put(item);
        }
        for (int i = 0; i < items.size(); i += 2) {
            assertThat(t.remove(items.get(i))).isTrue();
        }
        assertThat(t.size()).isEqualTo(100_000);
        int wrong = 0;
        for (int i = 0; i < items.size(); i++) {
            if (t.get(i / 1000, i % 1000) != (i % 2 == 0 ? null : items.get(i))) {
                wrong++;
            }
        }
        assertThat(wrong).isZero();
    }
}
