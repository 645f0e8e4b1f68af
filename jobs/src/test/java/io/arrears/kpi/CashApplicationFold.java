package io.arrears.kpi;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The one part of the batch reference that is not a set-based query: which invoice a payment pays and by how
 * much is sequential state (docs/ledger.md, "Cash application"). Folded here over the events in the table
 * {@code e}, written from that documentation, not from the ledger's code, into three tables the KPI SQL reads:
 * invoice_changes (an invoice after every change), payment_changes (a payment's unapplied cash after every
 * change) and openings (from when to when an invoice was open). It handles what generated histories contain
 * and refuses the rest (events for an invoice or payment not known yet) instead of guessing.
 */
final class CashApplicationFold {

    private static final class Invoice {
        String id;
        String customer;
        String currency;
        long issueDay;
        long dueDay;
        long total;
        long open;
        String status;
        long paidAt = -1;
        long openedAt;
    }

    private static final class Payment {
        String id;
        String customer;
        String currency;
        long unapplied;
        boolean reversed;
        final List<Object[]> applications = new ArrayList<>();
    }

    private final Map<String, Invoice> invoices = new HashMap<>();
    private final Map<String, Payment> payments = new HashMap<>();
    private final DuckDBAppender invoiceChanges;
    private final DuckDBAppender paymentChanges;
    private final DuckDBAppender openings;
    private long sequence;

    private CashApplicationFold(DuckDBConnection connection) throws SQLException {
        invoiceChanges = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "invoice_changes");
        paymentChanges = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "payment_changes");
        openings = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "openings");
    }

    static void run(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE invoice_changes (invoice_id VARCHAR, customer_id VARCHAR, currency VARCHAR, "
                    + "issue_day BIGINT, due_day BIGINT, ts BIGINT, seq BIGINT, total BIGINT, open BIGINT, "
                    + "status VARCHAR, paid_at BIGINT)");
            sql.execute("CREATE TABLE payment_changes (payment_id VARCHAR, customer_id VARCHAR, currency VARCHAR, "
                    + "ts BIGINT, seq BIGINT, unapplied BIGINT)");
            sql.execute("CREATE TABLE openings (invoice_id VARCHAR, customer_id VARCHAR, due_day BIGINT, "
                    + "opened_at BIGINT, closed_at BIGINT)");
            CashApplicationFold fold = new CashApplicationFold(connection.unwrap(DuckDBConnection.class));
            // Events of one instant apply invoices first, then payments, then by event id (docs/ledger.md).
            try (ResultSet events = sql.executeQuery("""
                    SELECT stream, eventType, customerId, invoiceId, paymentId, cents, currency,
                           CAST(issueDate - DATE '1970-01-01' AS BIGINT) AS issue_day, CAST(dueDate - DATE '1970-01-01' AS BIGINT) AS due_day, t,
                           array_to_string(list_transform(allocations, a -> a.invoiceId || '=' ||
                               CAST(CAST(a.amount * 100 AS BIGINT) AS VARCHAR)), ',') AS allocations
                    FROM e WHERE stream IN ('invoices', 'payments')
                    ORDER BY customerId, t, CASE stream WHEN 'invoices' THEN 0 ELSE 1 END, eventId""")) {
                while (events.next()) {
                    if (events.getString("stream").equals("invoices")) {
                        fold.invoice(events);
                    } else {
                        fold.payment(events);
                    }
                }
            }
            fold.close();
        }
    }

    private void invoice(ResultSet e) throws SQLException {
        String type = e.getString("eventType");
        long t = e.getLong("t");
        long amount = e.getLong("cents");
        Invoice invoice = invoices.get(e.getString("invoiceId"));
        if (invoice == null) {
            if (!type.equals("ISSUED")) {
                throw new IllegalStateException("the reference does not model events waiting for an invoice: " + type
                        + " of " + e.getString("invoiceId"));
            }
            invoice = new Invoice();
            invoice.id = e.getString("invoiceId");
            invoice.customer = e.getString("customerId");
            invoice.currency = e.getString("currency");
            invoice.issueDay = e.getLong("issue_day");
            invoice.dueDay = e.getLong("due_day");
            invoice.total = amount;
            invoices.put(invoice.id, invoice);
            if (amount == 0) {
                invoice.status = "CREDITED";
            } else {
                invoice.open = amount;
                invoice.status = "OPEN";
                invoice.openedAt = t;
            }
            changed(invoice, t);
            return;
        }
        boolean open = invoice.status.equals("OPEN");
        switch (type) {
            case "ISSUED", "ADJUSTED" -> {
                long delta = amount - invoice.total;
                invoice.total = amount;
                if (open) {
                    setOpen(invoice, Math.max(0, invoice.open + delta), "CREDITED", t);
                } else if (invoice.status.equals("PAID") && delta > 0) {
                    reopen(invoice, delta, t);
                }
            }
            case "CREDITED" -> {
                if (open) {
                    setOpen(invoice, invoice.open - Math.min(amount, invoice.open), "CREDITED", t);
                }
            }
            case "CANCELLED" -> {
                if (open) {
                    close(invoice, "CANCELLED", t);
                } else if (!invoice.status.equals("CANCELLED")) {
                    invoice.status = "CANCELLED";
                    invoice.paidAt = -1;
                }
            }
            case "WRITTEN_OFF" -> {
                if (open) {
                    close(invoice, "WRITTEN_OFF", t);
                }
            }
            default -> throw new IllegalStateException("unknown invoice event " + type);
        }
        changed(invoice, t);
    }

    private void payment(ResultSet e) throws SQLException {
        String type = e.getString("eventType");
        long t = e.getLong("t");
        long amount = e.getLong("cents");
        Payment payment = payments.get(e.getString("paymentId"));
        if (payment == null) {
            if (!type.equals("RECEIVED")) {
                throw new IllegalStateException("the reference does not model events waiting for a payment: " + type
                        + " of " + e.getString("paymentId"));
            }
            payment = new Payment();
            payment.id = e.getString("paymentId");
            payment.customer = e.getString("customerId");
            payment.currency = e.getString("currency");
            payment.unapplied = amount;
            payments.put(payment.id, payment);
            String allocations = e.getString("allocations");
            if (allocations == null || allocations.isEmpty()) {
                // Without remittance: the earliest due of the open invoices whose open amount equals the cash.
                Payment received = payment;
                invoices.values().stream()
                        .filter(i -> i.customer.equals(received.customer) && i.status.equals("OPEN")
                                && i.open == received.unapplied)
                        .min(Comparator.<Invoice>comparingLong(i -> i.dueDay).thenComparing(i -> i.id))
                        .ifPresent(i -> allocate(received, i.id, received.unapplied, t));
            } else {
                allocateAll(payment, allocations, t);
            }
            changed(payment, t);
            return;
        }
        switch (type) {
            case "RECEIVED" -> {
            }
            case "APPLIED" -> allocateAll(payment, e.getString("allocations"), t);
            case "REVERSED" -> {
                if (!payment.reversed) {
                    for (Object[] application : payment.applications) {
                        Invoice invoice = invoices.get((String) application[0]);
                        long cents = (Long) application[1];
                        if (invoice.status.equals("OPEN")) {
                            setOpen(invoice, invoice.open + cents, "PAID", t);
                            changed(invoice, t);
                        } else if (invoice.status.equals("PAID")) {
                            reopen(invoice, cents, t);
                            changed(invoice, t);
                        }
                    }
                    payment.unapplied = 0;
                    payment.reversed = true;
                }
            }
            case "REFUNDED" -> payment.unapplied -= Math.min(amount, payment.unapplied);
            default -> throw new IllegalStateException("unknown payment event " + type);
        }
        changed(payment, t);
    }

    private void allocateAll(Payment payment, String allocations, long t) {
        for (String line : allocations.split(",")) {
            String[] parts = line.split("=");
            allocate(payment, parts[0], Long.parseLong(parts[1]), t);
        }
    }

    private void allocate(Payment payment, String invoiceId, long cents, long t) {
        Invoice invoice = invoices.get(invoiceId);
        if (invoice == null) {
            throw new IllegalStateException("the reference does not model cash waiting for invoice " + invoiceId);
        }
        long applied = Math.min(cents, Math.min(invoice.open, payment.unapplied));
        if (!invoice.status.equals("OPEN") || applied <= 0) {
            return;
        }
        payment.unapplied -= applied;
        payment.applications.add(new Object[] {invoiceId, applied});
        setOpen(invoice, invoice.open - applied, "PAID", t);
        changed(invoice, t);
    }

    private void setOpen(Invoice invoice, long open, String closedAs, long t) {
        if (open == 0) {
            close(invoice, closedAs, t);
        } else {
            invoice.open = open;
        }
    }

    private void close(Invoice invoice, String how, long t) {
        invoice.open = 0;
        invoice.status = how;
        invoice.paidAt = how.equals("PAID") ? t : -1;
        append(openings, invoice.id, invoice.customer, invoice.dueDay, invoice.openedAt, t);
    }

    private void reopen(Invoice invoice, long open, long t) {
        invoice.status = "OPEN";
        invoice.open = open;
        invoice.paidAt = -1;
        invoice.openedAt = t;
    }

    private void changed(Invoice i, long t) {
        append(invoiceChanges, i.id, i.customer, i.currency, i.issueDay, i.dueDay, t, ++sequence, i.total, i.open,
                i.status, i.paidAt);
    }

    private void changed(Payment p, long t) {
        append(paymentChanges, p.id, p.customer, p.currency, t, ++sequence, p.unapplied);
    }

    private static void append(DuckDBAppender appender, Object... values) {
        try {
            appender.beginRow();
            for (Object value : values) {
                if (value instanceof String text) {
                    appender.append(text);
                } else {
                    appender.append(((Number) value).longValue());
                }
            }
            appender.endRow();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void close() throws SQLException {
        for (Invoice invoice : invoices.values()) {
            if (invoice.status.equals("OPEN")) {
                append(openings, invoice.id, invoice.customer, invoice.dueDay, invoice.openedAt, Long.MAX_VALUE);
            }
        }
        invoiceChanges.close();
        paymentChanges.close();
        openings.close();
    }
}
