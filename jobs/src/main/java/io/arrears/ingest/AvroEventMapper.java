package io.arrears.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import io.arrears.kpi.CurrencyRates;
import io.arrears.model.ActivityType;
import io.arrears.model.Allocation;
import io.arrears.model.CollectionActivity;
import io.arrears.model.CollectionPolicy;
import io.arrears.model.ContractViolation;
import io.arrears.model.CustomerEvent;
import io.arrears.model.CustomerUpdated;
import io.arrears.model.DisputeEvent;
import io.arrears.model.DisputeEventType;
import io.arrears.model.DisputeReason;
import io.arrears.model.DisputeResolution;
import io.arrears.model.EventContract;
import io.arrears.model.InputLimits;
import io.arrears.model.InvoiceEvent;
import io.arrears.model.InvoiceEventType;
import io.arrears.model.Money;
import io.arrears.model.PaymentEvent;
import io.arrears.model.PaymentEventType;
import io.arrears.model.PaymentMethod;
import io.arrears.model.ReasonCode;
import io.arrears.model.ReversalReason;

/**
 * Turns a decoded Avro record of an input stream into the domain's event and checks it against the event
 * contract within the input limits. Kafka and replay files both come through here, so both refuse exactly the
 * same records.
 */
public final class AvroEventMapper implements Serializable {

    private static final long serialVersionUID = 1L;

    private final EventContract contract;
    private final CurrencyRates rates;

    public AvroEventMapper(InputLimits limits, CurrencyRates rates) {
        this.contract = new EventContract(limits);
        this.rates = rates;
    }

    public InputLimits limits() {
        return contract.limits();
    }

    /**
     * The domain form of {@code record}; throws {@link ContractViolation} when it breaks the contract, is dated
     * too far after the wall clock, or names a currency without a rate into the reporting currency.
     */
    public Ingested toIngested(EventStream stream, SpecificRecord record) {
        return toIngested(stream, record, System.currentTimeMillis());
    }

    /** As {@link #toIngested(EventStream, SpecificRecord)} with the wall clock at {@code now}. */
    public Ingested toIngested(EventStream stream, SpecificRecord record, long now) {
        Ingested ingested = switch (stream) {
            case CUSTOMERS -> Ingested.of(CustomerEvent.of(customer((io.arrears.events.CustomerUpdated) record, now)));
            case INVOICES -> Ingested.of(CustomerEvent.of(invoice((io.arrears.events.InvoiceEvent) record, now)));
            case PAYMENTS -> Ingested.of(CustomerEvent.of(payment((io.arrears.events.PaymentEvent) record, now)));
            case DISPUTES -> Ingested.of(CustomerEvent.of(dispute((io.arrears.events.DisputeEvent) record, now)));
            case ACTIVITIES -> Ingested.of(CustomerEvent.of(
                    activity((io.arrears.events.CollectionActivity) record, now)));
            case POLICIES -> Ingested.of(policy((io.arrears.events.CollectionPolicy) record));
        };
        if (ingested.event() != null) {
            String currency = currencyOf(ingested.event());
            if (currency != null && !rates.knows(currency)) {
                throw new ContractViolation("currency " + currency + " has no rate into the reporting currency "
                        + rates.reporting() + "; add it to the option kpi.rates");
            }
        }
        return ingested;
    }

    private static String currencyOf(CustomerEvent event) {
        if (event.customer() != null) {
            return event.customer().currency();
        } else if (event.invoice() != null) {
            return event.invoice().currency();
        } else if (event.payment() != null) {
            return event.payment().currency();
        }
        return null;
    }

    private CustomerUpdated customer(io.arrears.events.CustomerUpdated a, long now) {
        return contract.check(new CustomerUpdated(a.getEventId(), a.getCustomerId(), a.getName(),
                a.getSegment(), a.getRegion(), a.getCollectorId(), cents(a.getCreditLimit()), a.getCurrency(),
                a.getPaymentTermsDays(), millis(a.getEventTime())), now);
    }

    private InvoiceEvent invoice(io.arrears.events.InvoiceEvent a, long now) {
        return contract.check(new InvoiceEvent(a.getEventId(),
                InvoiceEventType.valueOf(a.getEventType().name()), a.getInvoiceId(), a.getCustomerId(),
                Money.toCents(a.getAmount()), a.getCurrency(), a.getIssueDate(), a.getDueDate(), a.getPoNumber(),
                millis(a.getEventTime())), now);
    }

    private PaymentEvent payment(io.arrears.events.PaymentEvent a, long now) {
        List<Allocation> allocations = a.getAllocations().stream()
                .map(x -> new Allocation(x.getInvoiceId(), Money.toCents(x.getAmount())))
                .toList();
        return contract.check(new PaymentEvent(a.getEventId(),
                PaymentEventType.valueOf(a.getEventType().name()), a.getPaymentId(), a.getCustomerId(),
                Money.toCents(a.getAmount()), a.getCurrency(),
                a.getMethod() == null ? null : PaymentMethod.valueOf(a.getMethod().name()),
                allocations,
                a.getReversalReason() == null ? null : ReversalReason.valueOf(a.getReversalReason().name()),
                millis(a.getEventTime())), now);
    }

    private DisputeEvent dispute(io.arrears.events.DisputeEvent a, long now) {
        return contract.check(new DisputeEvent(a.getEventId(),
                DisputeEventType.valueOf(a.getEventType().name()), a.getDisputeId(), a.getInvoiceId(),
                a.getCustomerId(), Money.toCents(a.getAmount()), DisputeReason.valueOf(a.getReasonCode().name()),
                a.getResolution() == null ? null : DisputeResolution.valueOf(a.getResolution().name()),
                millis(a.getEventTime())), now);
    }

    private CollectionActivity activity(io.arrears.events.CollectionActivity a, long now) {
        return contract.check(new CollectionActivity(a.getEventId(),
                ActivityType.valueOf(a.getActivityType().name()), a.getCustomerId(), a.getInvoiceId(),
                a.getCollectorId(), cents(a.getPromisedAmount()), a.getPromisedDate(), millis(a.getEventTime())),
                now);
    }

    private CollectionPolicy policy(io.arrears.events.CollectionPolicy a) {
        return contract.check(new CollectionPolicy(a.getPolicyId(), a.getSegment(),
                List.copyOf(a.getOverdueStageDays()), a.getGraceDays(), a.getDisputeSlaDays(),
                a.getDisputeWarnRatio(), a.getFollowUpSlaDays(), a.getPromiseGraceDays(),
                a.getCreditWarnUtilization(), a.getUnappliedCashMaxDays(), a.getDuplicateWindowDays(),
                millis(a.getEventTime())));
    }

    private static Long cents(BigDecimal amount) {
        return amount == null ? null : Money.toCents(amount);
    }

    private static long millis(Instant instant) {
        if (instant == null) {
            throw new ContractViolation("eventTime is required");
        }
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new ContractViolation(instant.isBefore(Instant.EPOCH) ? ReasonCode.CONTRACT : ReasonCode.FUTURE,
                    "eventTime " + instant + " is beyond what epoch milliseconds hold");
        }
    }
}
