package io.arrears.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.arrears.config.ArrearsConfig;
import io.arrears.generator.HistoryGenerator;
import io.arrears.io.files.EventFileWriter;
import io.arrears.io.kafka.EventProducer;
import io.arrears.io.kafka.KafkaTopics;

/** Writes a synthetic AR history to a replay file or to Kafka. */
final class GenerateCommand implements Arrears.Command {

    @Override
    public String summary() {
        return "synthetic AR history: --out FILE | --kafka [--customers N] [--days D] [--end T] [--seed S]"
                + " [--live [--rate R]]";
    }

    @Override
    public int run(String[] args) throws Exception {
        CommandOptions options = new CommandOptions(args,
                Set.of("out", "customers", "days", "end", "seed", "rate"), Set.of("kafka", "live"));
        int customers = options.intValue("customers", 200);
        int days = options.intValue("days", 180);
        boolean live = options.has("live");
        Instant end = options.instant("end", live ? Instant.now() : Instant.now().truncatedTo(ChronoUnit.DAYS));
        Instant start = end.minus(Duration.ofDays(days));
        long seed = options.intValue("seed", 42);
        HistoryGenerator generator = new HistoryGenerator(seed, customers, start, end,
                live ? options.doubleValue("rate", 1.0) : 0);

        if (options.has("out") == options.has("kafka")) {
            throw new IllegalArgumentException("give exactly one of --out FILE (a replay file) and --kafka");
        }
        if (options.has("out")) {
            if (live) {
                throw new IllegalArgumentException("--live paces events to Kafka; a file is written at once");
            }
            Path file = Path.of(options.get("out", null));
            try (EventFileWriter writer = new EventFileWriter(file)) {
                generator.generate(writer);
                System.out.printf("Wrote %,d events for %d customers (%s to %s, seed %d) to %s%n", writer.written(),
                        customers, start, end, seed, file.toAbsolutePath());
            }
            return 0;
        }
        ArrearsConfig config = options.config(Map.of());
        KafkaTopics.createMissing(config, 2, (short) 1);
        try (EventProducer producer = new EventProducer(config)) {
            if (live) {
                AtomicBoolean running = new AtomicBoolean(true);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> running.set(false)));
                System.out.println("Producing history since " + start + ", then live; Ctrl-C to stop.");
                generator.generateLive(producer, running::get);
            } else {
                generator.generate(producer);
                producer.flush();
                System.out.printf("Produced %,d events for %d customers (%s to %s, seed %d)%n", producer.sent(),
                        customers, start, end, seed);
            }
        }
        return 0;
    }
}
