package io.arrears.io.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arrears.kpi.KpiField;
import io.arrears.kpi.KpiSnapshot;
import io.arrears.ledger.AlertTransition;
import io.arrears.ledger.CustomerSnapshot;
import io.arrears.ledger.DisputeSnapshot;
import io.arrears.model.Money;

/**
 * The Elasticsearch documents: one per alert (arrears-alerts), per customer (arrears-customers), per dispute
 * (arrears-disputes) and per KPI scope and instant (arrears-kpis).
 */
public final class Documents {

    /** Elasticsearch refuses a longer _id. */
    private static final int MAX_ID_BYTES = 512;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Documents() {
    }

    /** The alert's current state, both instants, under its alertId. */
    public static ElementConverter<AlertTransition, EsWrite> alerts(String index) {
        return new Converter<>(index, t -> t.alertId(), AlertTransition::revision, Documents::alert);
    }

    /** The customer's position, under its customerId. */
    public static ElementConverter<CustomerSnapshot, EsWrite> customers(String index) {
        return new Converter<>(index, CustomerSnapshot::customerId, CustomerSnapshot::revision, Documents::customer);
    }

    /** The dispute's current state, under its disputeId. */
    public static ElementConverter<DisputeSnapshot, EsWrite> disputes(String index) {
        return new Converter<>(index, DisputeSnapshot::disputeId, DisputeSnapshot::revision, Documents::dispute);
    }

    public static ObjectNode dispute(DisputeSnapshot d) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("disputeId", d.disputeId());
        doc.put("customerId", d.customerId());
        putNullable(doc, "invoiceId", d.invoiceId());
        putNullable(doc, "collectorId", d.collectorId());
        putNullable(doc, "segment", d.segment());
        doc.put("reasonCode", d.reasonCode());
        doc.put("amount", Money.toDecimal(d.amountCents()));
        doc.put("currency", d.currency());
        doc.put("status", d.open() ? "OPEN" : "RESOLVED");
        doc.put("slaState", d.slaState());
        doc.put("openedAt", instant(d.openedAt()));
        if (d.resolvedAt() != null) {
            doc.put("resolvedAt", instant(d.resolvedAt()));
            doc.put("resolutionDays", (d.resolvedAt() - d.openedAt()) / 86_400_000.0);
        }
        doc.put("asOf", instant(d.asOf()));
        return doc;
    }

    public static ObjectNode alert(AlertTransition t) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("alertId", t.alertId());
        doc.put("alertType", t.alertType().name());
        doc.put("status", t.status().name());
        doc.put("severity", t.severity().name());
        doc.put("severityRank", t.severity().ordinal());
        doc.put("customerId", t.customerId());
        putNullable(doc, "invoiceId", t.invoiceId());
        putNullable(doc, "disputeId", t.disputeId());
        putNullable(doc, "paymentId", t.paymentId());
        putNullable(doc, "collectorId", t.collectorId());
        putNullable(doc, "segment", t.segment());
        doc.put("disputed", t.disputed());
        if (t.amountCents() != null) {
            doc.put("amount", Money.toDecimal(t.amountCents()));
        }
        putNullable(doc, "currency", t.currency());
        if (t.stageDays() != null) {
            doc.put("stageDays", t.stageDays());
        }
        doc.put("triggeredAt", instant(t.triggeredAt()));
        doc.put("raisedAt", instant(t.raisedAt()));
        if (t.resolvedAt() != null) {
            doc.put("resolvedAt", instant(t.resolvedAt()));
        }
        doc.put("message", t.message());
        return doc;
    }

    public static ObjectNode customer(CustomerSnapshot s) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("customerId", s.customerId());
        putNullable(doc, "name", s.name());
        putNullable(doc, "segment", s.segment());
        putNullable(doc, "region", s.region());
        putNullable(doc, "collectorId", s.collectorId());
        putNullable(doc, "currency", s.currency());
        doc.put("asOf", instant(s.asOf()));
        doc.put("openInvoices", s.openInvoices());
        doc.put("arTotal", Money.toDecimal(s.arTotal()));
        doc.put("arCurrent", Money.toDecimal(s.arCurrent()));
        doc.put("ar1to30", Money.toDecimal(s.ar1to30()));
        doc.put("ar31to60", Money.toDecimal(s.ar31to60()));
        doc.put("ar61to90", Money.toDecimal(s.ar61to90()));
        doc.put("arOver90", Money.toDecimal(s.arOver90()));
        doc.put("pastDueAmount", Money.toDecimal(s.pastDueAmount()));
        doc.put("unappliedCash", Money.toDecimal(s.unappliedCash()));
        doc.put("openDisputes", s.openDisputes());
        doc.put("disputedAmount", Money.toDecimal(s.disputedAmount()));
        if (s.creditLimit() != null) {
            doc.put("creditLimit", Money.toDecimal(s.creditLimit()));
        }
        if (s.creditUtilization() != null) {
            doc.put("creditUtilization", s.creditUtilization());
        }
        if (s.kpis() != null) {
            ObjectNode kpis = doc.putObject("kpis");
            kpis.put("asOf", instant(s.kpis().asOf()));
            putKpis(kpis, s.kpis());
        }
        return doc;
    }

    /** One scope's KPIs at one instant, under {@link KpiSnapshot#id()}. */
    public static ElementConverter<KpiSnapshot, EsWrite> kpis(String index) {
        // A snapshot at a past boundary never changes within a run; a later run (a replay of corrected history)
        // must win over an earlier one, hence the wall clock as the version.
        return new Converter<>(index, KpiSnapshot::id, snapshot -> System.currentTimeMillis(), Documents::kpi);
    }

    public static ObjectNode kpi(KpiSnapshot snapshot) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("scope", snapshot.scope().name());
        doc.put("scopeId", snapshot.scopeId());
        doc.put("asOf", instant(snapshot.asOf()));
        putKpis(doc, snapshot);
        return doc;
    }

    /** Amounts as decimals of the reporting currency; a ratio without denominator as null. */
    private static void putKpis(ObjectNode doc, KpiSnapshot snapshot) {
        doc.put("currency", snapshot.currency());
        doc.put("windowDays", snapshot.windowDays());
        for (KpiField field : KpiField.values()) {
            Number value = field.of(snapshot.values());
            if (value == null) {
                doc.putNull(field.fieldName());
            } else if (field.unit() == KpiField.Unit.MONEY) {
                doc.put(field.fieldName(), Money.toDecimal(value.longValue()));
            } else if (field.unit() == KpiField.Unit.COUNT) {
                doc.put(field.fieldName(), value.longValue());
            } else {
                doc.put(field.fieldName(), value.doubleValue());
            }
        }
    }

    private static void putNullable(ObjectNode doc, String field, String value) {
        if (value != null) {
            doc.put(field, value);
        }
    }

    static String instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    private interface Field<T, R> extends java.io.Serializable {
        R of(T value);
    }

    /**
     * The Elasticsearch _id of an entity's id: the id itself, or, beyond the 512 bytes Elasticsearch allows (ids
     * of up to 128 characters, joined into an alert's id, can reach that), "sha256:" and its hash, the same for
     * every write of the entity. The document keeps the id itself in its own field.
     */
    static String documentId(String id) {
        byte[] bytes = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return bytes.length <= MAX_ID_BYTES ? id : "sha256:" + io.arrears.ingest.DeadLetter.sha256(bytes);
    }

    private record Converter<T>(String index, Field<T, String> id, Field<T, Long> version,
                                Field<T, ObjectNode> document) implements ElementConverter<T, EsWrite> {
        @Override
        public EsWrite apply(T element, SinkWriter.Context context) {
            try {
                return new EsWrite(index, documentId(id.of(element)), version.of(element),
                        JSON.writeValueAsBytes(document.of(element)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
