package io.arrears.io.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalSortTest {

    @Test
    void numberKeysSortLikeTheNumbers() {
        List<Long> numbers = List.of(Long.MIN_VALUE, -5_000L, -1L, 0L, 1L, 1_767_225_600_000L, Long.MAX_VALUE);
        List<String> keys = new ArrayList<>(numbers.stream().map(ExternalSort::key).toList());
        keys.sort(Comparator.naturalOrder());
        assertThat(keys).containsExactlyElementsOf(numbers.stream().map(ExternalSort::key).toList());
    }

    @Test
    void sortsMoreThanFitsInOneChunkStablyAndKeepsAnyPayload(@TempDir Path dir) throws Exception {
        Random random = new Random(7);
        List<ExternalSort.Entry> added = new ArrayList<>();
        try (ExternalSort sort = new ExternalSort(dir.resolve("spills"), 2_000)) {
            for (int i = 0; i < 1_000; i++) {
                String key = ExternalSort.key(random.nextInt(50) - 25);
                String payload = i + "\t{\"a\":\"tab\there, ünïcode\"}";
                sort.add(key, payload);
                added.add(new ExternalSort.Entry(key, payload));
            }
            assertThat(Files.list(dir.resolve("spills")).count()).as("spilled").isGreaterThan(10);
            List<ExternalSort.Entry> sorted = new ArrayList<>();
            sort.forEachSorted(sorted::add);
            List<ExternalSort.Entry> expected = new ArrayList<>(added);
            expected.sort(Comparator.comparing(ExternalSort.Entry::key)); // stable, as the sort must be
            assertThat(sorted).containsExactlyElementsOf(expected);
        }
        assertThat(Files.list(dir.resolve("spills")).count()).as("spills removed").isZero();
    }

    @Test
    void readsBackWhatItsWriterWrote(@TempDir Path dir) throws Exception {
        Path part = dir.resolve("part");
        try (ExternalSort.Writer writer = new ExternalSort.Writer(part)) {
            LongStream.of(3, 1, 2).forEach(n -> writer.write(ExternalSort.key(n), "line " + n));
        }
        try (ExternalSort sort = new ExternalSort(dir.resolve("spills"), 1 << 20)) {
            sort.addAll(part);
            List<String> payloads = new ArrayList<>();
            sort.forEachSorted(entry -> payloads.add(entry.payload()));
            assertThat(payloads).containsExactly("line 1", "line 2", "line 3");
        }
    }
}
