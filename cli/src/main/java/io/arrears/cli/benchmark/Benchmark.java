package io.arrears.cli.benchmark;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.arrears.config.ArrearsOptions.DeliveryMode;
import io.arrears.pipeline.LedgerStateCensus.Count;
import io.arrears.pipeline.LedgerStateCensus.Part;
import io.arrears.stack.LocalStack;
import io.arrears.stack.Service;

/**
 * {@code bin/arrears benchmark}: the collections job against what the machine can do, on the same events, in one
 * run. A measurement to read, never a test: nothing here asserts a time. docs/performance.md says what each
 * figure means and how it is taken.
 */
public final class Benchmark {

    /** The parts {@code --only} selects. */
    public enum Section {
        THROUGHPUT, LATENCY, ELASTICSEARCH, SCALE;

        public static Set<Section> parse(String list) {
            Set<Section> sections = EnumSet.noneOf(Section.class);
            for (String name : list.split(",")) {
                try {
                    sections.add(valueOf(name.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--only takes throughput, latency, elasticsearch, scale; was '"
                            + name.trim() + "'");
                }
            }
            return sections;
        }
    }

    /**
     * What to measure.
     *
     * @param prefixShare the share of the history in the prefix whose run is subtracted
     * @param profile record part 4 with JDK Flight Recorder
     */
    public record Plan(Set<Section> sections, int customers, int days, long seed, double prefixShare, boolean profile,
                       Latency.Plan latency, int elasticsearchDocuments, int[] scaleCustomers) {
    }

    private final Settings settings;
    private final Plan plan;
    private final PrintStream out;
    /** Part 4 and its state, which the scale part reuses for the same size. */
    private Measurement mainJob;
    private StateMeasurement.Result mainState;

    public Benchmark(Map<String, String> jobOptions, int parallelism, java.time.Duration budget, Path work, Plan plan,
                     PrintStream out) {
        this.settings = new Settings(jobOptions, parallelism, budget, work);
        this.plan = plan;
        this.out = out;
    }

    public void run() throws Exception {
        Report report = new Report(out);
        out.printf("Arrears benchmark, %s: %d cores, %s %s, max heap %s, parallelism %d, run budget %s%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Format.bytes(Runtime.getRuntime().maxMemory()), settings.parallelism(),
                Format.duration(settings.budget()));
        report.detail("cores", Runtime.getRuntime().availableProcessors());
        report.detail("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        report.detail("maxHeapBytes", Runtime.getRuntime().maxMemory());
        report.detail("parallelism", settings.parallelism());
        report.detail("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        report.detail("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        Files.createDirectories(settings.work());
        try (BenchmarkCluster cluster = new BenchmarkCluster(settings.parallelism())) {
            History history = null;
            if (plan.sections().contains(Section.THROUGHPUT) || plan.sections().contains(Section.SCALE)) {
                history = History.generate(settings.work().resolve("histories"), plan.seed(), plan.customers(),
                        plan.days(), plan.prefixShare());
                out.printf("History: %,d events (%,d customers, %d days, seed %d); prefix %,d events.%n",
                        history.events(), history.customers(), history.days(), plan.seed(), history.prefixEvents());
                out.println("Steady rates: (events - prefix events) / (time of the whole history - time of its prefix),"
                        + " each a whole run; fixed start-up and shut-down cancel out.");
                report.put("events", history.events());
            }
            if (plan.sections().contains(Section.THROUGHPUT)) {
                throughput(cluster, history, report);
            }
            if (plan.sections().contains(Section.LATENCY) || plan.sections().contains(Section.ELASTICSEARCH)) {
                out.println();
                out.println("Starting the local stack (Kafka, schema registry, Elasticsearch)...");
                try (LocalStack stack = LocalStack.builder().start(EnumSet.allOf(Service.class))) {
                    if (plan.sections().contains(Section.LATENCY)) {
                        latency(cluster, stack, report);
                    }
                    if (plan.sections().contains(Section.ELASTICSEARCH)) {
                        elasticsearch(cluster, stack, report);
                    }
                }
            }
            if (plan.sections().contains(Section.SCALE)) {
                scale(cluster, history, report);
            }
        }
        report.finish();
    }

    /** Part 5. */
    private void latency(BenchmarkCluster cluster, LocalStack stack, Report report) throws Exception {
        Latency latency = new Latency(cluster, settings, stack, plan.latency());
        report.heading(String.format(Locale.ROOT, "Live latency (%,.0f events/s for %s after %s of warm-up; probe "
                        + "production to alert; %s)", plan.latency().rate(), Format.duration(plan.latency().measure()),
                Format.duration(plan.latency().warmUp()), latency.sourceSettings()));
        for (DeliveryMode mode : List.of(DeliveryMode.AT_LEAST_ONCE, DeliveryMode.EXACTLY_ONCE)) {
            Latency.Result result;
            try {
                result = latency.measure(mode, mode == DeliveryMode.AT_LEAST_ONCE);
            } catch (Exception e) {
                report.row(mode + ": ar.alerts", "-", "failed: " + e);
                continue;
            }
            report.row(mode + ": ar.alerts (read_committed)", Format.millis(result.kafka().p99()),
                    result.kafka().describe());
            report.row(mode + ": searchable in the alerts index", Format.millis(result.elasticsearch().p99()),
                    result.elasticsearch().describe());
            report.row(mode + ": business time behind the wall clock", Format.millis(result.businessTimeLag()),
                    "at the end of the measured window (the ledger's watermark)");
            if (mode == DeliveryMode.AT_LEAST_ONCE) {
                report.put("alertLatencyP50Ms", result.kafka().missing() == 0 ? result.kafka().p50() : null);
                report.put("alertLatencyP99Ms", result.kafka().p99IfComplete());
                report.put("maxSustainedEventsPerSecond", result.maxSustained());
                report.row("highest rate sustained (ledger lag flat)", Format.rate(result.maxSustained()),
                        result.maxSustainedWhy() != null ? result.maxSustainedWhy() : "rates doubled (or halved, "
                                + "if it does not hold) every " + Format.duration(plan.latency().step()) + " from "
                                + Format.rate(plan.latency().rate()));
            } else {
                report.put("alertLatencyP99MsExactlyOnce", result.kafka().p99IfComplete());
            }
            report.detail("latency" + (mode == DeliveryMode.AT_LEAST_ONCE ? "AtLeastOnce" : "ExactlyOnce"),
                    Map.of("kafka", result.kafka(), "elasticsearch", result.elasticsearch()));
        }
        report.note("Latency figures (p99) are null in the last line unless every probe arrived within the drain time "
                + "(out-of-orderness + idle timeout + checkpoint interval + 60 s after the measured window).");
    }

    /** Part 6. */
    private void elasticsearch(BenchmarkCluster cluster, LocalStack stack, Report report) {
        report.heading(String.format(Locale.ROOT, "Elasticsearch (%,d alert documents, steady docs/s)",
                plan.elasticsearchDocuments()));
        ElasticsearchThroughput.Result result = new ElasticsearchThroughput(cluster, settings, stack)
                .measure(plan.elasticsearchDocuments());
        row(report, "our sink (Flink job, parallelism " + settings.parallelism() + ")", result.sink(), null);
        row(report, "elasticsearch-java BulkIngester", result.ingester(), null);
        report.row("sink / BulkIngester", Format.ratio(result.sink().ratioTo(result.ingester())), null);
        report.put("esSinkDocsPerSecond", result.sink().eventsPerSecond());
        report.put("esBulkIngesterDocsPerSecond", result.ingester().eventsPerSecond());
    }

    /** Part 7: the full job at growing sizes, and a restore from the largest state. */
    private void scale(BenchmarkCluster cluster, History main, Report report) throws Exception {
        report.heading("Scale (collections job, KPIs on)");
        Throughput throughput = new Throughput(cluster, settings);
        List<Map<String, Object>> points = new java.util.ArrayList<>();
        Long largestRestore = null;
        boolean smallerFinished = true;
        for (int customers : plan.scaleCustomers()) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("customers", customers);
            points.add(point);
            if (!smallerFinished) {
                report.row(String.format(Locale.ROOT, "%,d customers", customers), "-",
                        "skipped: a smaller size did not finish within the run budget");
                largestRestore = null;
                continue;
            }
            History history = customers == main.customers() ? main : History.generate(
                    settings.work().resolve("histories"), plan.seed(), customers, plan.days(), plan.prefixShare());
            boolean measured = customers == main.customers() && mainJob != null;
            Measurement job = measured ? mainJob : throughput.job(history, true, () -> { });
            Double rate = job.eventsPerSecond();
            // A history too small for a rate still has a state (and a restore) to measure.
            StateMeasurement.Result state = !job.finished() ? null : measured && mainState != null ? mainState
                    : state(cluster, history, report, false);
            Long perOpen = state == null || state.openInvoices() == 0 ? null
                    : state.savepointBytes() / state.openInvoices();
            report.row(String.format(Locale.ROOT, "%,d customers (%,d events)", customers, history.events()),
                    Format.rate(rate), rate == null ? job.why()
                            : "events/s; state bytes per open invoice " + (perOpen == null ? "-" : perOpen));
            point.put("events", history.events());
            point.put("eventsPerSecond", rate);
            point.put("stateBytesPerOpenInvoice", perOpen);
            point.put("restoreMillis", state == null ? null : state.restoreMillis());
            largestRestore = state == null ? null : state.restoreMillis();
            smallerFinished = job.finished();
        }
        report.detail("scale", points);
        report.row("restore from the largest run's savepoint", Format.millis(largestRestore), largestRestore == null
                ? "the largest run did not finish" : null);
        report.put("restoreMillis", largestRestore);
    }

    private void throughput(BenchmarkCluster cluster, History history, Report report) throws Exception {
        Throughput throughput = new Throughput(cluster, settings);
        report.heading("Throughput (steady events/s; x trivial = ratio to part 2)");
        Measurement decode = throughput.decode(history);
        row(report, "1 decode baseline (read + decode, 1 thread)", decode, null);
        Measurement trivial = throughput.trivial(history);
        row(report, "2 trivial keyed job (RocksDB, keyBy)", trivial, trivial);
        Measurement off = throughput.job(history, false, () -> { });
        row(report, "3 collections job, KPIs off", off, trivial);
        HeapWatch heap = new HeapWatch();
        Measurement on;
        try (Profiler profiler = plan.profile() ? new Profiler(settings.work()) : null) {
            on = throughput.job(history, true, () -> {
                if (profiler != null) {
                    profiler.start();
                }
            });
            row(report, "4 collections job, KPIs on (defaults)", on, trivial);
            mainJob = on;
            if (profiler != null) {
                profiler.stop();
                profiler.print(report, 15);
            }
        } finally {
            heap.close();
        }
        report.put("decodeEventsPerSecond", decode.eventsPerSecond());
        report.put("trivialEventsPerSecond", trivial.eventsPerSecond());
        report.put("jobKpiOffEventsPerSecond", off.eventsPerSecond());
        report.put("jobEventsPerSecond", on.eventsPerSecond());
        report.put("jobRatio", on.ratioTo(trivial));
        report.put("kpiCostRatio", on.ratioTo(off));
        report.row("kpiCostRatio (KPIs on / KPIs off)", Format.ratio(on.ratioTo(off)), null);
        report.put("peakHeapBytes", on.eventsPerSecond() == null ? null : heap.peakBytes());
        report.row("peak heap in use after GC, part 4", Format.bytes((Long) report.get("peakHeapBytes")),
                "the cluster and the replay client share this JVM");
        mainState = state(cluster, history, report, true);
    }

    /**
     * After part 4: a full savepoint of the job's state at the end of the history, what it holds, a restore; all
     * of it printed for the main history, only returned for the scale part's.
     */
    private StateMeasurement.Result state(BenchmarkCluster cluster, History history, Report report, boolean main)
            throws Exception {
        if (main) {
            report.heading("State after the history (KPIs on; full savepoint, canonical format)");
        }
        StateMeasurement.Result result;
        try {
            result = new StateMeasurement(cluster, settings).measure(history,
                    settings.work().resolve("savepoints-" + history.customers()));
        } catch (Exception e) {
            report.row("savepoint, " + history.customers() + " customers", "-",
                    e instanceof java.util.concurrent.TimeoutException ? e.getMessage() : "failed: " + e);
            return null;
        }
        if (!main) {
            return result;
        }
        long open = result.openInvoices();
        Long perOpen = open == 0 ? null : result.savepointBytes() / open;
        report.row("savepoint size", Format.bytes(result.savepointBytes()), result.bytesByOperator().entrySet()
                .stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + Format.bytes(e.getValue())).reduce((a, b) -> a + ", " + b).orElse(""));
        report.row("savepoint duration", Format.millis(result.savepointMillis()), null);
        report.row("open invoices", String.format(Locale.ROOT, "%,d", open), null);
        report.row("state bytes per open invoice", perOpen == null ? "-" : String.format(Locale.ROOT, "%,d", perOpen),
                "savepoint bytes / open invoices");
        long onPurpose = 0;
        long censusBytes = 0;
        for (Map.Entry<Part, Count> part : result.census().entrySet()) {
            censusBytes += part.getValue().bytes();
            onPurpose += part.getKey().keptOnPurpose() ? part.getValue().bytes() : 0;
        }
        report.line("ledger state by kind (serialized keys and values; entries, bytes, share of the ledger's):");
        for (Map.Entry<Part, Count> part : result.census().entrySet()) {
            report.line(String.format(Locale.ROOT, "  %-18s %,12d entries %12s %5.1f%%%s", part.getKey(),
                    part.getValue().entries(), Format.bytes(part.getValue().bytes()),
                    censusBytes == 0 ? 0 : 100.0 * part.getValue().bytes() / censusBytes,
                    part.getKey().keptOnPurpose() ? "  kept on purpose" : ""));
        }
        Long perOpenWithoutKept = open == 0 ? null : (result.savepointBytes() - onPurpose) / open;
        report.row("  without what is kept on purpose", perOpenWithoutKept == null ? "-"
                : String.format(Locale.ROOT, "%,d", perOpenWithoutKept), "closed entities for ledger.retention and "
                + "dedup ids left out");
        report.row("restore from the savepoint", Format.millis(result.restoreMillis()),
                result.restoreWhy() == null ? "submission until every task runs" : result.restoreWhy());
        report.put("checkpointBytes", result.savepointBytes());
        report.put("checkpointMillis", result.savepointMillis());
        report.put("stateBytesPerOpenInvoice", perOpen);
        report.put("restoreMillis", result.restoreMillis());
        Map<String, Object> kept = new LinkedHashMap<>();
        kept.put("openInvoices", open);
        kept.put("stateBytesPerOpenInvoiceWithoutKeptOnPurpose", perOpenWithoutKept);
        result.census().forEach((part, count) -> kept.put(part.name(), Map.of("entries", count.entries(),
                "bytes", count.bytes())));
        kept.put("bytesByOperator", result.bytesByOperator());
        report.detail("state", kept);
        return result;
    }

    private static void row(Report report, String what, Measurement measurement, Measurement trivial) {
        String value = Format.rate(measurement.eventsPerSecond());
        String comment = measurement.eventsPerSecond() == null ? measurement.why()
                : String.format(Locale.ROOT, "%s%s / %s", trivial == null || measurement.ratioTo(trivial) == null
                                ? "" : "x" + Format.ratio(measurement.ratioTo(trivial)) + "   ",
                        Format.seconds(measurement.fullSeconds()), Format.seconds(measurement.prefixSeconds()));
        report.row(what, value, comment);
    }

    /** The work folder, unless the caller keeps it. */
    public static void delete(Path work) throws java.io.IOException {
        if (!Files.exists(work)) {
            return;
        }
        try (var paths = Files.walk(work)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
