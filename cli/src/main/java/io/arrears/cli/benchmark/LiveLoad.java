package io.arrears.cli.benchmark;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.arrears.events.ActivityType;
import io.arrears.events.Allocation;
import io.arrears.events.CollectionActivity;
import io.arrears.events.CollectionPolicy;
import io.arrears.events.CustomerUpdated;
import io.arrears.events.InvoiceEvent;
import io.arrears.events.InvoiceEventType;
import io.arrears.events.PaymentEvent;
import io.arrears.events.PaymentEventType;
import io.arrears.events.ReversalReason;
import io.arrears.generator.HistoryGenerator.Generated;
import io.arrears.ingest.EventStream;
import io.arrears.io.kafka.EventProducer;

/**
 * Live input at a fixed rate, stamped with the wall clock as it is sent: customers' invoices, the payments that
 * settle them and collectors' notes, and now and then a probe, a payment reversed for insufficient funds, which
 * the job must answer with a CRITICAL PAYMENT_REVERSED alert. The time each probe was sent is kept, so that the
 * alert's arrival can be timed.
 */
final class LiveLoad implements Runnable {

    /** Every this many events one is a probe. */
    static final int PROBE_EVERY = 50;

    private final EventProducer producer;
    private final String run;
    private final int customers;
    private final List<Deque<Open>> openInvoices = new ArrayList<>();
    private final Deque<Paid> paymentsToReverse = new ArrayDeque<>();
    private final Map<String, Long> probesSent = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private volatile double rate;
    private volatile boolean recordProbes;
    private volatile boolean running = true;
    private long number;

    private record Open(String invoiceId, long cents) {
    }

    private record Paid(String paymentId, String customerId) {
    }

    LiveLoad(EventProducer producer, String run, int customers) {
        this.producer = producer;
        this.run = run;
        this.customers = customers;
        for (int c = 0; c < customers; c++) {
            openInvoices.add(new ArrayDeque<>());
        }
    }

    /** The customers' master data and the default policy, before any load. */
    void setUp() {
        long now = System.currentTimeMillis();
        producer.accept(new Generated(EventStream.POLICIES, CollectionPolicy.newBuilder().setPolicyId(run + "-policy")
                .setSegment("*").setEventTime(Instant.ofEpochMilli(now)).build(), now));
        for (int c = 0; c < customers; c++) {
            producer.accept(new Generated(EventStream.CUSTOMERS, CustomerUpdated.newBuilder()
                    .setEventId(run + "-cu-" + c).setCustomerId(customer(c)).setName("Customer " + c)
                    .setSegment("SMB").setRegion("EMEA").setCollectorId("col-" + (c % 5 + 1))
                    .setCreditLimit(null).setCurrency("USD").setPaymentTermsDays(30)
                    .setEventTime(Instant.ofEpochMilli(now)).build(), now));
        }
        producer.flush();
    }

    /** Events per second from now on; 0 pauses. */
    void rate(double eventsPerSecond) {
        this.rate = eventsPerSecond;
    }

    /** Whether probes sent from now on are timed. */
    void recordProbes(boolean record) {
        this.recordProbes = record;
    }

    /** The probes timed so far: payment id to the wall-clock time it was sent. */
    Map<String, Long> probes() {
        return probesSent;
    }

    /** Load events sent, the set-up's not counted. */
    long sent() {
        return sent.get();
    }

    /** Events {@link #setUp()} sends. */
    long setUpEvents() {
        return customers + 1L;
    }

    void stop() {
        running = false;
    }

    /** Sends at the current rate in steps of a millisecond until stopped. */
    @Override
    public void run() {
        long stepStarted = System.nanoTime();
        double due = 0;
        double currentRate = rate;
        while (running) {
            if (rate != currentRate) {
                currentRate = rate;
                due = 0;
                stepStarted = System.nanoTime();
            }
            double shouldHaveSent = currentRate * (System.nanoTime() - stepStarted) / 1e9;
            while (due < shouldHaveSent && running) {
                send();
                due++;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void send() {
        long n = number++;
        int c = (int) (n % customers);
        long now = System.currentTimeMillis();
        Instant at = Instant.ofEpochMilli(now);
        String customer = customer(c);
        String id = run + "-" + n;
        if (n % PROBE_EVERY == PROBE_EVERY - 1 && !paymentsToReverse.isEmpty()) {
            Paid paid = paymentsToReverse.poll();
            producer.accept(new Generated(EventStream.PAYMENTS, PaymentEvent.newBuilder().setEventId(id)
                    .setEventType(PaymentEventType.REVERSED).setPaymentId(paid.paymentId())
                    .setCustomerId(paid.customerId())
                    .setAmount(new BigDecimal("10.00")).setCurrency("USD").setReversalReason(ReversalReason.NSF)
                    .setEventTime(at).build(), now));
            if (recordProbes) {
                probesSent.put(paid.paymentId(), now);
            }
        } else {
            switch ((int) (n % 5)) {
                case 0, 1 -> issue(c, customer, id, at, now);
                case 2, 3 -> pay(c, customer, id, at, now);
                default -> producer.accept(new Generated(EventStream.ACTIVITIES, CollectionActivity.newBuilder()
                        .setEventId(id).setActivityType(ActivityType.NOTE).setCustomerId(customer)
                        .setInvoiceId(openInvoices.get(c).isEmpty() ? null : openInvoices.get(c).peek().invoiceId())
                        .setCollectorId("col-" + (c % 5 + 1)).setEventTime(at).build(), now));
            }
        }
        sent.incrementAndGet();
    }

    private void issue(int c, String customer, String id, Instant at, long now) {
        long cents = 10_000 + (number * 7919) % 490_000;
        LocalDate today = LocalDate.ofInstant(at, ZoneOffset.UTC);
        producer.accept(new Generated(EventStream.INVOICES, InvoiceEvent.newBuilder().setEventId(id)
                .setEventType(InvoiceEventType.ISSUED).setInvoiceId("INV-" + id).setCustomerId(customer)
                .setAmount(BigDecimal.valueOf(cents, 2)).setCurrency("USD").setIssueDate(today)
                .setDueDate(today.plusDays(30)).setPoNumber(null).setEventTime(at).build(), now));
        openInvoices.get(c).add(new Open("INV-" + id, cents));
    }

    /** Pays the customer's oldest open invoice in full, or sends cash on account when it has none. */
    private void pay(int c, String customer, String id, Instant at, long now) {
        Open invoice = openInvoices.get(c).poll();
        long cents = invoice == null ? 1_000 : invoice.cents();
        String paymentId = "PAY-" + id;
        producer.accept(new Generated(EventStream.PAYMENTS, PaymentEvent.newBuilder().setEventId(id)
                .setEventType(PaymentEventType.RECEIVED).setPaymentId(paymentId).setCustomerId(customer)
                .setAmount(BigDecimal.valueOf(cents, 2)).setCurrency("USD")
                .setAllocations(invoice == null ? List.of()
                        : List.of(new Allocation(invoice.invoiceId(), BigDecimal.valueOf(cents, 2))))
                .setEventTime(at).build(), now));
        if (paymentsToReverse.size() < 10_000) {
            paymentsToReverse.add(new Paid(paymentId, customer));
        }
    }

    private String customer(int c) {
        return run + "-C" + c;
    }
}
