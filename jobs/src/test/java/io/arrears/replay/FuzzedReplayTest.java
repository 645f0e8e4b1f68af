package io.arrears.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arrears.config.ArrearsConfig;
import io.arrears.generator.HistoryGenerator;
import io.arrears.io.files.AvroJson;
import io.arrears.io.files.EventFileWriter;

/**
 * 10,000 mutated lines (flipped bits, cut lines, hostile and oversized values, deep nesting), each of a customer
 * or segment of its own, mixed into a generated history: the replay finishes, only mutants are dead letters,
 * each with a reason, and the history's customers get exactly the alerts and positions they get alone.
 */
class FuzzedReplayTest {

    private static final int MUTANTS = 10_000;
    private static final Instant START = Instant.parse("2025-10-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object[] HOSTILE_VALUES = {null, true, -1, 0, Long.MIN_VALUE, Long.MAX_VALUE,
            new java.math.BigDecimal("1e400"), -0.005, "", "\u0000", "\ud800", "x".repeat(2_000), "1969-12-31",
            "+999999999-12-31T00:00:00Z", "2025-02-30", "NaN", Map.of("$gt", ""), List.of(1, 2)};

    @Test
    void everyMutatedLineIsUsedOrADeadLetterAndTheHistorysCustomersAreUnaffected(@TempDir Path dir)
            throws Exception {
        Path clean = dir.resolve("clean.jsonl");
        try (EventFileWriter writer = new EventFileWriter(clean)) {
            new HistoryGenerator(9, 15, START, END, 0).generate(writer);
        }
        List<String> good = Files.readAllLines(clean);
        Set<String> goodCustomers = new HashSet<>();
        good.stream().map(AvroJson::parse).filter(line -> line.has("customerId"))
                .forEach(line -> goodCustomers.add(line.get("customerId").asText()));

        Random random = new Random(3);
        Path fuzzed = dir.resolve("fuzzed.jsonl");
        Set<Long> mutantLines = new HashSet<>();
        try (OutputStream out = Files.newOutputStream(fuzzed)) {
            long number = 0;
            int next = 0;
            for (int n = 0; n < MUTANTS || next < good.size(); ) {
                boolean mutant = n < MUTANTS && (next >= good.size() || random.nextInt(3) > 0);
                byte[] line = mutant ? mutate(n++, good.get(random.nextInt(good.size())), random)
                        : good.get(next++).getBytes(StandardCharsets.UTF_8);
                number++;
                if (mutant) {
                    mutantLines.add(number);
                }
                out.write(line);
                out.write('\n');
            }
        }

        Replay.Result alone = replay(clean, dir.resolve("alone"));
        Replay.Result mixed = replay(fuzzed, dir.resolve("mixed"));

        assertThat(ofCustomers(dir.resolve("alone/alerts.jsonl"), goodCustomers)).hasSizeGreaterThan(20);
        for (String output : List.of("alerts.jsonl", "customers.jsonl")) {
            assertThat(ofCustomers(dir.resolve("mixed").resolve(output), goodCustomers)).as(output)
                    .isEqualTo(ofCustomers(dir.resolve("alone").resolve(output), goodCustomers));
        }
        List<JsonNode> letters = Files.readAllLines(dir.resolve("mixed/deadletter.jsonl")).stream()
                .map(AvroJson::parse).toList();
        assertThat(letters).hasSize(mixed.deadLetters());
        assertThat(letters).as("dead letters of good lines").allMatch(l -> mutantLines.contains(l.get("offset").asLong()));
        assertThat(letters).allMatch(l -> !l.get("reasonCode").asText().isBlank() && !l.get("error").asText().isBlank());
        assertThat(letters.size()).as("mutants refused").isBetween(MUTANTS / 2, MUTANTS - 1);
        Map<String, Long> byReason = new TreeMap<>(letters.stream().collect(
                Collectors.groupingBy(l -> l.get("reasonCode").asText(), Collectors.counting())));
        System.out.printf("Fuzzed %,d replay lines: %,d dead letters %s, %,d used; %,d events after --as-of%n",
                MUTANTS, letters.size(), byReason, MUTANTS - letters.size(), mixed.eventsAfterAsOf());
        assertThat(alone.deadLetters()).isZero();
    }

    /** Line {@code n}: {@code base} moved to a customer (or segment) of its own, then mutated. */
    private static byte[] mutate(int n, String base, Random random) throws Exception {
        ObjectNode line = (ObjectNode) JSON.readTree(base);
        line.put(line.has("customerId") ? "customerId" : "segment", "FZ-" + n);
        List<String> fields = new ArrayList<>();
        line.fieldNames().forEachRemaining(fields::add);
        String field = fields.get(random.nextInt(fields.size()));
        byte[] bytes;
        switch (n % 6) {
            case 0 -> { // flipped bits, anywhere (invalid UTF-8 and JSON included)
                bytes = line.toString().getBytes(StandardCharsets.UTF_8);
                for (int flips = 1 + random.nextInt(6); flips > 0; flips--) {
                    int bit = random.nextInt(bytes.length * 8);
                    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
                }
                bytes = new String(bytes, StandardCharsets.ISO_8859_1).replace('\n', ' ')
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            case 1 -> {
                String text = line.toString();
                bytes = text.substring(0, random.nextInt(text.length())).getBytes(StandardCharsets.UTF_8);
            }
            case 2 -> {
                line.set(field, JSON.valueToTree(HOSTILE_VALUES[random.nextInt(HOSTILE_VALUES.length)]));
                bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {
                line.put(field, "z".repeat(random.nextInt(10) == 0 ? 1_100_000 : 70_000));
                bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            }
            case 4 -> {
                int depth = 1 + random.nextInt(3000);
                line.putRawValue(field, new com.fasterxml.jackson.databind.util.RawValue(
                        "[".repeat(depth) + "]".repeat(depth)));
                bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            }
            default -> { // a field dropped, or one it does not know
                if (random.nextBoolean()) {
                    line.remove(field);
                } else {
                    line.put("unknown" + n, n);
                }
                bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            }
        }
        return bytes;
    }

    private static List<String> ofCustomers(Path output, Set<String> customers) throws Exception {
        return Files.readAllLines(output).stream()
                .filter(line -> customers.contains(AvroJson.parse(line).get("customerId").asText())).toList();
    }

    private static Replay.Result replay(Path events, Path out) throws Exception {
        // As of the history's end: a mutated eventTime may lie later, which must not move the horizon.
        return new Replay(ArrearsConfig.of(Map.of()), 2, new PrintStream(new ByteArrayOutputStream()))
                .run(events, END, out);
    }
}
