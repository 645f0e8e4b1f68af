package io.arrears.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Consumer;

import org.apache.avro.specific.SpecificRecord;

import io.arrears.events.ActivityType;
import io.arrears.events.Allocation;
import io.arrears.events.CollectionActivity;
import io.arrears.events.CollectionPolicy;
import io.arrears.events.CustomerUpdated;
import io.arrears.events.DisputeEvent;
import io.arrears.events.DisputeEventType;
import io.arrears.events.DisputeReason;
import io.arrears.events.DisputeResolution;
import io.arrears.events.InvoiceEvent;
import io.arrears.events.InvoiceEventType;
import io.arrears.events.PaymentEvent;
import io.arrears.events.PaymentEventType;
import io.arrears.events.PaymentMethod;
import io.arrears.events.ReversalReason;
import io.arrears.ingest.EventStream;

/**
 * A coherent synthetic AR history: customers in segments, each with a payment behaviour, whose invoices are
 * paid, disputed, chased, promised, bounced, credited or written off the way such customers do. A
 * discrete-event simulation: every action happens at its time and schedules the ones it leads to, so the
 * events come out in event-time order. The same seed, customers, start and end give the same events.
 */
public final class HistoryGenerator {

    /** How a customer pays. */
    public enum Behaviour {
        PROMPT, SLOW, CHRONIC_LATE, DISPUTER, BOUNCER
    }

    /** One generated event and its stream. */
    public record Generated(EventStream stream, SpecificRecord record, long eventTime) {
    }

    private record Action(long at, long sequence, Runnable run) {
    }

    private record Segment(String name, double weight, int termsDays, double meanDaysBetweenInvoices,
                           double minAmount, double maxAmount, long creditLimit) {
    }

    private static final List<Segment> SEGMENTS = List.of(
            new Segment("ENTERPRISE", 0.15, 45, 4, 4_000, 60_000, 400_000),
            new Segment("MID_MARKET", 0.35, 30, 8, 800, 15_000, 80_000),
            new Segment("SMB", 0.50, 15, 12, 100, 4_000, 15_000));
    private static final String[] NAMES = {"Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka",
        "Hooli", "Vandelay", "Soylent", "Tyrell", "Cyberdyne", "Aperture", "Gringotts", "Monarch", "Oscorp"};
    private static final String[] REGIONS = {"EMEA", "NA", "APAC", "LATAM"};
    private static final int COLLECTORS = 5;

    private final long seed;
    private final int customers;
    private final long start;
    private final long end;
    private final double liveInvoicesPerSecond;
    private final PriorityQueue<Action> queue = new PriorityQueue<>(
            Comparator.comparingLong(Action::at).thenComparingLong(Action::sequence));
    private final List<Customer> book = new ArrayList<>();
    private final Random liveRandom;
    private Consumer<Generated> sink;
    private boolean live;
    private long currentTime;
    private long sequence;
    private long eventIds;

    /**
     * @param start first instant of the history
     * @param end last instant: nothing after it is generated; in live mode the end of the history that is
     *     produced at once, after which events follow the wall clock
     * @param liveInvoicesPerSecond in live mode, new invoices per second of wall time on top of the
     *     customers' own rhythm, so that a demo has something to watch
     */
    public HistoryGenerator(long seed, int customers, Instant start, Instant end, double liveInvoicesPerSecond) {
        if (customers < 1 || !start.isBefore(end)) {
            throw new IllegalArgumentException("need at least one customer and a start before the end");
        }
        this.seed = seed;
        this.customers = customers;
        this.start = start.toEpochMilli();
        this.end = end.toEpochMilli();
        this.liveInvoicesPerSecond = liveInvoicesPerSecond;
        this.liveRandom = new Random(seed ^ 0x5DEECE66DL);
    }

    /** Every event from start to end, in event-time order. */
    public void generate(Consumer<Generated> out) {
        begin(out);
        runUntil(end);
    }

    /**
     * The history up to now as fast as it goes, then events as the wall clock reaches them, until
     * {@code keepGoing} says stop.
     */
    public void generateLive(Consumer<Generated> out, java.util.function.BooleanSupplier keepGoing)
            throws InterruptedException {
        live = true;
        begin(out);
        runUntil(System.currentTimeMillis());
        long nextNewBusiness = System.currentTimeMillis();
        while (keepGoing.getAsBoolean()) {
            long now = System.currentTimeMillis();
            if (liveInvoicesPerSecond > 0 && now >= nextNewBusiness) {
                Customer customer = book.get(liveRandom.nextInt(book.size()));
                later(now, () -> issueInvoice(customer, false));
                nextNewBusiness = now + (long) (1000 / liveInvoicesPerSecond);
            }
            runUntil(now);
            Thread.sleep(Math.max(1, Math.min(200, nextActionAt() - System.currentTimeMillis())));
        }
    }

    private long nextActionAt() {
        Action next = queue.peek();
        return next == null ? Long.MAX_VALUE : next.at();
    }

    private void begin(Consumer<Generated> out) {
        this.sink = out;
        currentTime = start;
        emit(EventStream.POLICIES, CollectionPolicy.newBuilder().setPolicyId("policy-default-v1").setSegment("*")
                .setEventTime(Instant.ofEpochMilli(start)).build(), start);
        emit(EventStream.POLICIES, CollectionPolicy.newBuilder().setPolicyId("policy-enterprise-v1")
                .setSegment("ENTERPRISE").setOverdueStageDays(List.of(1, 15, 30, 60, 90)).setGraceDays(2)
                .setDisputeSlaDays(10).setFollowUpSlaDays(3).setEventTime(Instant.ofEpochMilli(start)).build(), start);
        // Half way through, the AR team tightens the default policy: the live job and a replay must both apply
        // it from its eventTime to what is already open.
        long tightened = start + (end - start) / 2;
        later(tightened, () -> emit(EventStream.POLICIES, CollectionPolicy.newBuilder()
                .setPolicyId("policy-default-v2").setSegment("*").setDisputeSlaDays(5).setFollowUpSlaDays(4)
                .setUnappliedCashMaxDays(2).setEventTime(Instant.ofEpochMilli(tightened)).build(), tightened));
        Random setup = new Random(seed);
        for (int i = 1; i <= customers; i++) {
            Customer customer = new Customer(String.format("C%05d", i), new Random(seed * 1_000_003L + i), setup);
            book.add(customer);
            long firstUpdate = start + customer.random.nextInt(3_600_000);
            later(firstUpdate, () -> announce(customer));
            later(firstUpdate + hours(customer.random, 1, 48), () -> issueInvoice(customer, true));
            if (customer.random.nextDouble() < 0.05) {
                long reassigned = start + (long) ((end - start) * customer.random.nextDouble());
                later(reassigned, () -> {
                    customer.collectorId = "col-" + (1 + customer.random.nextInt(COLLECTORS));
                    announce(customer);
                });
            }
        }
    }

    private void runUntil(long until) {
        while (!queue.isEmpty() && queue.peek().at() <= until) {
            queue.poll().run().run();
        }
    }

    /** Runs {@code action} at {@code at}, with the simulation's clock set to it. */
    private void later(long at, Runnable action) {
        if (live || at <= end) {
            queue.add(new Action(at, sequence++, () -> {
                currentTime = at;
                action.run();
            }));
        }
    }

    private void emit(EventStream stream, SpecificRecord record, long at) {
        sink.accept(new Generated(stream, record, at));
    }

    private String nextEventId(String kind) {
        return String.format("%s-%d-%08d", kind, seed, ++eventIds);
    }

    // ---- the simulated customers ----

    private final class Customer {
        final String id;
        final Random random;
        final Segment segment;
        final Behaviour behaviour;
        final String name;
        final String region;
        final String currency;
        final Long creditLimitCents;
        String collectorId;
        final Map<String, Invoice> openInvoices = new LinkedHashMap<>();
        int invoiceCount;
        int paymentCount;
        int disputeCount;

        Customer(String id, Random random, Random setup) {
            this.id = id;
            this.random = random;
            this.segment = pick(setup);
            double b = setup.nextDouble();
            this.behaviour = b < 0.40 ? Behaviour.PROMPT : b < 0.65 ? Behaviour.SLOW
                    : b < 0.80 ? Behaviour.CHRONIC_LATE : b < 0.90 ? Behaviour.DISPUTER : Behaviour.BOUNCER;
            this.name = NAMES[setup.nextInt(NAMES.length)] + " " + id.substring(1);
            this.region = REGIONS[setup.nextInt(REGIONS.length)];
            this.currency = setup.nextDouble() < 0.85 ? "USD" : "EUR";
            this.creditLimitCents = setup.nextDouble() < 0.1 ? null : segment.creditLimit * 100;
            this.collectorId = setup.nextDouble() < 0.05 ? null : "col-" + (1 + setup.nextInt(COLLECTORS));
        }
    }

    private static Segment pick(Random random) {
        double r = random.nextDouble();
        for (Segment segment : SEGMENTS) {
            r -= segment.weight;
            if (r < 0) {
                return segment;
            }
        }
        return SEGMENTS.get(SEGMENTS.size() - 1);
    }

    private static final class Invoice {
        final String id;
        final LocalDate issueDate;
        final LocalDate dueDate;
        final String poNumber;
        long totalCents;
        long openCents;

        Invoice(String id, LocalDate issueDate, LocalDate dueDate, String poNumber, long cents) {
            this.id = id;
            this.issueDate = issueDate;
            this.dueDate = dueDate;
            this.poNumber = poNumber;
            this.totalCents = cents;
            this.openCents = cents;
        }
    }

    private void announce(Customer c) {
        long at = currentTime;
        emit(EventStream.CUSTOMERS, CustomerUpdated.newBuilder().setEventId(nextEventId("cu")).setCustomerId(c.id)
                .setName(c.name).setSegment(c.segment.name).setRegion(c.region).setCollectorId(c.collectorId)
                .setCreditLimit(c.creditLimitCents == null ? null : decimal(c.creditLimitCents))
                .setCurrency(c.currency).setPaymentTermsDays(c.segment.termsDays)
                .setEventTime(Instant.ofEpochMilli(at)).build(), at);
    }

    // ---- invoices ----

    private void issueInvoice(Customer c, boolean ownRhythm) {
        long at = currentTime;
        Random r = c.random;
        LocalDate issued = date(at);
        long cents = Math.round(Math.exp(Math.log(c.segment.minAmount)
                + r.nextDouble() * (Math.log(c.segment.maxAmount) - Math.log(c.segment.minAmount))) * 100);
        String po = r.nextDouble() < 0.7 ? "PO-" + c.id.substring(1) + "-" + (1000 + r.nextInt(9000)) : null;
        Invoice invoice = new Invoice(c.id + "-INV-" + (++c.invoiceCount), issued,
                issued.plusDays(c.segment.termsDays), po, cents);
        invoiceEvent(c, invoice, InvoiceEventType.ISSUED, cents, at);
        c.openInvoices.put(invoice.id, invoice);

        if (po != null && r.nextDouble() < 0.01) {
            Invoice duplicate = new Invoice(c.id + "-INV-" + (++c.invoiceCount), issued, invoice.dueDate, po, cents);
            long dupAt = at + minutes(r, 5, 120);
            later(dupAt, () -> {
                invoiceEvent(c, duplicate, InvoiceEventType.ISSUED, cents, dupAt);
                c.openInvoices.put(duplicate.id, duplicate);
            });
            long cancelAt = dupAt + hours(r, 24, 24 * 6);
            later(cancelAt, () -> closeBy(c, duplicate, InvoiceEventType.CANCELLED, cancelAt));
        }
        if (r.nextDouble() < 0.03) {
            long adjustAt = at + hours(r, 24, 72);
            later(adjustAt, () -> {
                if (invoice.openCents == invoice.totalCents && c.openInvoices.containsKey(invoice.id)) {
                    long newTotal = Math.max(100, invoice.totalCents + (long) (invoice.totalCents * (r.nextDouble() * 0.2 - 0.1)));
                    invoice.openCents = newTotal;
                    invoice.totalCents = newTotal;
                    invoiceEvent(c, invoice, InvoiceEventType.ADJUSTED, newTotal, adjustAt);
                }
            });
        }
        planSettlement(c, invoice, at);

        if (ownRhythm) {
            long next = at + (long) (-Math.log(1 - r.nextDouble()) * c.segment.meanDaysBetweenInvoices * 86_400_000L);
            later(next, () -> issueInvoice(c, true));
        }
    }

    private void invoiceEvent(Customer c, Invoice invoice, InvoiceEventType type, long cents, long at) {
        emit(EventStream.INVOICES, InvoiceEvent.newBuilder().setEventId(nextEventId("inv")).setEventType(type)
                .setInvoiceId(invoice.id).setCustomerId(c.id).setAmount(decimal(cents)).setCurrency(c.currency)
                .setIssueDate(invoice.issueDate).setDueDate(invoice.dueDate).setPoNumber(invoice.poNumber)
                .setEventTime(Instant.ofEpochMilli(at)).build(), at);
    }

    private void closeBy(Customer c, Invoice invoice, InvoiceEventType type, long at) {
        if (c.openInvoices.remove(invoice.id) != null) {
            invoiceEvent(c, invoice, type, type == InvoiceEventType.CANCELLED ? invoice.totalCents : invoice.openCents,
                    at);
            invoice.openCents = 0;
        }
    }

    /** Decides, when an invoice is issued, how it will be settled, as this customer settles invoices. */
    private void planSettlement(Customer c, Invoice invoice, long issuedAt) {
        Random r = c.random;
        long due = startOfDay(invoice.dueDate);
        switch (c.behaviour) {
            case PROMPT -> pay(c, invoice, Math.max(issuedAt + hours(r, 4, 48), due - days(r, 0, 10)),
                    r.nextDouble() < 0.7 ? PaymentMethod.ACH : PaymentMethod.WIRE, r.nextDouble() < 0.8);
            case SLOW -> {
                chase(c, invoice, due, false);
                pay(c, invoice, due + days(r, 3, 25), PaymentMethod.ACH, r.nextDouble() < 0.6);
            }
            case CHRONIC_LATE -> {
                chase(c, invoice, due, true);
                if (r.nextDouble() < 0.15) {
                    long writeOff = due + days(r, 120, 160);
                    later(writeOff, () -> closeBy(c, invoice, InvoiceEventType.WRITTEN_OFF, writeOff));
                } else {
                    long first = due + days(r, 30, 75);
                    if (r.nextDouble() < 0.5) {
                        partPay(c, invoice, first, 0.4 + r.nextDouble() * 0.3);
                        pay(c, invoice, first + days(r, 15, 45), PaymentMethod.WIRE, true);
                    } else {
                        pay(c, invoice, first, PaymentMethod.WIRE, r.nextDouble() < 0.7);
                    }
                }
            }
            case DISPUTER -> {
                if (r.nextDouble() < 0.35) {
                    dispute(c, invoice, issuedAt + days(r, 2, 20));
                } else {
                    pay(c, invoice, due + days(r, -3, 8), PaymentMethod.ACH, true);
                }
            }
            case BOUNCER -> pay(c, invoice, due + days(r, -3, 10), PaymentMethod.CHECK, r.nextDouble() < 0.7);
        }
    }

    /** Reminders, and for the hardest cases a call with a promise that may or may not be kept. */
    private void chase(Customer c, Invoice invoice, long due, boolean promise) {
        Random r = c.random;
        long reminder = due + days(r, 1, 4) + hours(r, 8, 10);
        later(reminder, () -> {
            if (c.openInvoices.containsKey(invoice.id)) {
                activity(c, r.nextDouble() < 0.7 ? ActivityType.REMINDER_SENT : ActivityType.EMAIL, invoice.id, null,
                        null, reminder);
            }
        });
        if (promise) {
            long call = due + days(r, 8, 14) + hours(r, 9, 8);
            later(call, () -> {
                if (c.openInvoices.containsKey(invoice.id)) {
                    activity(c, ActivityType.CALL, invoice.id, null, null, call);
                    LocalDate promised = date(call).plusDays(7 + r.nextInt(10));
                    long promiseAt = call + 60_000;
                    later(promiseAt, () -> activity(c, ActivityType.PROMISE_TO_PAY, invoice.id, invoice.openCents,
                            promised, promiseAt));
                }
            });
        }
        if (r.nextDouble() < 0.2) {
            long note = due + days(r, 2, 20);
            later(note, () -> activity(c, ActivityType.NOTE, invoice.id, null, null, note));
        }
    }

    private void activity(Customer c, ActivityType type, String invoiceId, Long promisedCents, LocalDate promisedDate,
                          long at) {
        emit(EventStream.ACTIVITIES, CollectionActivity.newBuilder().setEventId(nextEventId("act"))
                .setActivityType(type).setCustomerId(c.id).setInvoiceId(invoiceId).setCollectorId(c.collectorId)
                .setPromisedAmount(promisedCents == null ? null : decimal(promisedCents)).setPromisedDate(promisedDate)
                .setEventTime(Instant.ofEpochMilli(at)).build(), at);
    }

    // ---- payments ----

    /** Pays what is open at {@code at}, with or without remittance advice. */
    private void pay(Customer c, Invoice invoice, long at, PaymentMethod method, boolean remittance) {
        later(at, () -> {
            if (!c.openInvoices.containsKey(invoice.id) || invoice.openCents <= 0) {
                return;
            }
            Random r = c.random;
            long cents = invoice.openCents;
            boolean overpay = r.nextDouble() < 0.02;
            boolean lump = !remittance && r.nextDouble() < 0.15;
            long paid = overpay ? cents + 1000 : lump ? cents + 500 + r.nextInt(5000) : cents;
            String paymentId = c.id + "-PAY-" + (++c.paymentCount);
            List<Allocation> allocations = remittance || overpay
                    ? List.of(new Allocation(invoice.id, decimal(cents))) : List.of();
            emit(EventStream.PAYMENTS, payment(c, PaymentEventType.RECEIVED, paymentId, paid, method, allocations,
                    null, at), at);
            if (lump) {
                // Cash without remittance that matches no invoice: the cash team applies it days later.
                long applyAt = at + days(r, 2, 6);
                later(applyAt, () -> {
                    if (c.openInvoices.containsKey(invoice.id)) {
                        emit(EventStream.PAYMENTS, payment(c, PaymentEventType.APPLIED, paymentId, invoice.openCents,
                                null, List.of(new Allocation(invoice.id, decimal(invoice.openCents))), null, applyAt),
                                applyAt);
                        settle(c, invoice);
                    }
                });
                long refundAt = applyAt + days(r, 5, 15);
                long rest = paid - cents;
                later(refundAt, () -> emit(EventStream.PAYMENTS, payment(c, PaymentEventType.REFUNDED, paymentId,
                        rest, null, List.of(), null, refundAt), refundAt));
                return;
            }
            settle(c, invoice);
            if (overpay) {
                long refundAt = at + days(r, 7, 20);
                later(refundAt, () -> emit(EventStream.PAYMENTS, payment(c, PaymentEventType.REFUNDED, paymentId,
                        1000, null, List.of(), null, refundAt), refundAt));
            }
            if (method == PaymentMethod.CHECK && r.nextDouble() < 0.3) {
                long bounce = at + days(r, 3, 6);
                later(bounce, () -> {
                    emit(EventStream.PAYMENTS, payment(c, PaymentEventType.REVERSED, paymentId, paid, null, List.of(),
                            r.nextDouble() < 0.8 ? ReversalReason.NSF : ReversalReason.RETURNED, bounce), bounce);
                    invoice.openCents = cents;
                    c.openInvoices.put(invoice.id, invoice);
                    pay(c, invoice, bounce + days(r, 7, 20), PaymentMethod.WIRE, true);
                });
            }
        });
    }

    private void partPay(Customer c, Invoice invoice, long at, double share) {
        later(at, () -> {
            if (!c.openInvoices.containsKey(invoice.id)) {
                return;
            }
            long cents = Math.max(1, Math.round(invoice.openCents * share));
            String paymentId = c.id + "-PAY-" + (++c.paymentCount);
            emit(EventStream.PAYMENTS, payment(c, PaymentEventType.RECEIVED, paymentId, cents, PaymentMethod.WIRE,
                    List.of(new Allocation(invoice.id, decimal(cents))), null, at), at);
            invoice.openCents -= cents;
        });
    }

    private void settle(Customer c, Invoice invoice) {
        invoice.openCents = 0;
        c.openInvoices.remove(invoice.id);
    }

    private PaymentEvent payment(Customer c, PaymentEventType type, String paymentId, long cents, PaymentMethod method,
                                 List<Allocation> allocations, ReversalReason reason, long at) {
        return PaymentEvent.newBuilder().setEventId(nextEventId("pay")).setEventType(type).setPaymentId(paymentId)
                .setCustomerId(c.id).setAmount(decimal(cents)).setCurrency(c.currency).setMethod(method)
                .setAllocations(allocations).setReversalReason(reason).setEventTime(Instant.ofEpochMilli(at)).build();
    }

    // ---- disputes ----

    private void dispute(Customer c, Invoice invoice, long openedAt) {
        Random r = c.random;
        String disputeId = c.id + "-DSP-" + (++c.disputeCount);
        long disputed = Math.max(1, Math.round(invoice.totalCents * (0.1 + r.nextDouble() * 0.4)));
        DisputeReason reason = DisputeReason.values()[r.nextInt(DisputeReason.values().length)];
        boolean[] opened = {false};
        later(openedAt, () -> {
            if (c.openInvoices.containsKey(invoice.id)) {
                opened[0] = true;
                emit(EventStream.DISPUTES, disputeEvent(c, DisputeEventType.OPENED, disputeId, invoice, disputed, reason,
                        null, openedAt), openedAt);
            }
        });
        long resolvedAt = openedAt + hours(r, 24, 24 * 12);
        DisputeResolution resolution = r.nextDouble() < 0.5 ? DisputeResolution.CREDITED
                : r.nextDouble() < 0.6 ? DisputeResolution.REJECTED : DisputeResolution.WITHDRAWN;
        later(resolvedAt, () -> {
            if (!opened[0]) {
                return;
            }
            if (resolution == DisputeResolution.CREDITED && c.openInvoices.containsKey(invoice.id)) {
                long credit = Math.min(disputed, invoice.openCents);
                invoiceEvent(c, invoice, InvoiceEventType.CREDITED, credit, resolvedAt);
                invoice.openCents -= credit;
                if (invoice.openCents == 0) {
                    c.openInvoices.remove(invoice.id);
                }
            }
            long closedAt = resolvedAt + 1000;
            later(closedAt, () -> emit(EventStream.DISPUTES, disputeEvent(c, DisputeEventType.RESOLVED, disputeId,
                    invoice, disputed, reason, resolution, closedAt), closedAt));
        });
        pay(c, invoice, resolvedAt + days(r, 2, 10), PaymentMethod.ACH, true);
    }

    private DisputeEvent disputeEvent(Customer c, DisputeEventType type, String disputeId, Invoice invoice, long cents,
                                      DisputeReason reason, DisputeResolution resolution, long at) {
        return DisputeEvent.newBuilder().setEventId(nextEventId("dis")).setEventType(type).setDisputeId(disputeId)
                .setInvoiceId(invoice.id).setCustomerId(c.id).setAmount(decimal(cents)).setReasonCode(reason)
                .setResolution(resolution).setEventTime(Instant.ofEpochMilli(at)).build();
    }

    // ---- time and money ----

    private static long days(Random r, int from, int to) {
        return (from + r.nextInt(to - from + 1)) * 86_400_000L + r.nextInt(8 * 3_600_000);
    }

    private static long hours(Random r, int from, int span) {
        return (from + r.nextInt(Math.max(1, span))) * 3_600_000L + r.nextInt(3_600_000);
    }

    private static long minutes(Random r, int from, int to) {
        return (from + r.nextInt(to - from)) * 60_000L;
    }

    private static LocalDate date(long at) {
        return Instant.ofEpochMilli(at).atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static long startOfDay(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    private static BigDecimal decimal(long cents) {
        return BigDecimal.valueOf(cents, 2).setScale(2, RoundingMode.UNNECESSARY);
    }
}
