package io.arrears.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.arrears.model.ActivityType;
import io.arrears.model.Allocation;
import io.arrears.model.CollectionActivity;
import io.arrears.model.CustomerEvent;
import io.arrears.model.CustomerUpdated;
import io.arrears.model.DisputeEvent;
import io.arrears.model.DisputeEventType;
import io.arrears.model.DisputeReason;
import io.arrears.model.DisputeResolution;
import io.arrears.model.InvoiceEvent;
import io.arrears.model.InvoiceEventType;
import io.arrears.model.PaymentEvent;
import io.arrears.model.PaymentEventType;
import io.arrears.model.ReversalReason;

/** Domain events for tests, in cents, with readable instants ("2026-03-01T10:00:00Z"). */
public final class Events {

    private static final AtomicLong IDS = new AtomicLong();

    private Events() {
    }

    public static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    public static String newId(String prefix) {
        return prefix + "-" + IDS.incrementAndGet();
    }

    public static CustomerEvent customer(String customerId, String segment, String collectorId, Long creditLimit,
                                         String at) {
        return CustomerEvent.of(new CustomerUpdated(newId("cu"), customerId, "Customer " + customerId, segment,
                "EMEA", collectorId, creditLimit, "USD", 30, at(at)));
    }

    public static CustomerEvent issued(String customerId, String invoiceId, long cents, String issueDate,
                                       String dueDate, String at) {
        return invoice(InvoiceEventType.ISSUED, customerId, invoiceId, cents, issueDate, dueDate, at);
    }

    public static CustomerEvent invoice(InvoiceEventType type, String customerId, String invoiceId, long cents,
                                        String issueDate, String dueDate, String at) {
        return CustomerEvent.of(new InvoiceEvent(newId("inv"), type, invoiceId, customerId, cents, "USD",
                LocalDate.parse(issueDate), LocalDate.parse(dueDate), null, at(at)));
    }

    public static CustomerEvent received(String customerId, String paymentId, long cents, String at,
                                         Allocation... allocations) {
        return payment(PaymentEventType.RECEIVED, customerId, paymentId, cents, at, allocations);
    }

    public static CustomerEvent payment(PaymentEventType type, String customerId, String paymentId, long cents,
                                        String at, Allocation... allocations) {
        return CustomerEvent.of(new PaymentEvent(newId("pay"), type, paymentId, customerId, cents, "USD", null,
                List.copyOf(Arrays.asList(allocations)),
                type == PaymentEventType.REVERSED ? ReversalReason.NSF : null, at(at)));
    }

    public static Allocation to(String invoiceId, long cents) {
        return new Allocation(invoiceId, cents);
    }

    public static CustomerEvent dispute(DisputeEventType type, String customerId, String disputeId,
                                        String invoiceId, long cents, String at) {
        return CustomerEvent.of(new DisputeEvent(newId("dis"), type, disputeId, invoiceId, customerId, cents,
                DisputeReason.PRICING, type == DisputeEventType.RESOLVED ? DisputeResolution.CREDITED : null,
                at(at)));
    }

    public static CustomerEvent call(String customerId, String invoiceId, String at) {
        return activity(ActivityType.CALL, customerId, invoiceId, at);
    }

    public static CustomerEvent activity(ActivityType type, String customerId, String invoiceId, String at) {
        return CustomerEvent.of(new CollectionActivity(newId("act"), type, customerId, invoiceId, "col-1", null, null,
                at(at)));
    }

    public static CustomerEvent promise(String customerId, String invoiceId, long cents, String promisedDate,
                                        String at) {
        return CustomerEvent.of(new CollectionActivity(newId("promise"), ActivityType.PROMISE_TO_PAY, customerId,
                invoiceId, "col-1", cents, LocalDate.parse(promisedDate), at(at)));
    }

    public static CustomerEvent reversed(String customerId, String paymentId, long cents, ReversalReason reason,
                                         String at) {
        return CustomerEvent.of(new PaymentEvent(newId("pay"), PaymentEventType.REVERSED, paymentId, customerId, cents,
                "USD", null, List.of(), reason, at(at)));
    }

    public static CustomerEvent issuedWithOrder(String customerId, String invoiceId, long cents, String issueDate,
                                                String dueDate, String poNumber, String at) {
        return CustomerEvent.of(new InvoiceEvent(newId("inv"), InvoiceEventType.ISSUED, invoiceId, customerId, cents,
                "USD", LocalDate.parse(issueDate), LocalDate.parse(dueDate), poNumber, at(at)));
    }
}
