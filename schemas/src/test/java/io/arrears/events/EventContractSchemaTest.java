package io.arrears.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The schemas are the contract that replay files, dashboards and documentation rely on: names must not drift. */
class EventContractSchemaTest {

    private static final Map<Schema, List<String>> CONTRACT = Map.of(
            CustomerUpdated.getClassSchema(), List.of("eventId", "customerId", "name", "segment", "region",
                    "collectorId", "creditLimit", "currency", "paymentTermsDays", "eventTime"),
            InvoiceEvent.getClassSchema(), List.of("eventId", "eventType", "invoiceId", "customerId", "amount",
                    "currency", "issueDate", "dueDate", "poNumber", "eventTime"),
            PaymentEvent.getClassSchema(), List.of("eventId", "eventType", "paymentId", "customerId", "amount",
                    "currency", "method", "allocations", "reversalReason", "eventTime"),
            DisputeEvent.getClassSchema(), List.of("eventId", "eventType", "disputeId", "invoiceId", "customerId",
                    "amount", "reasonCode", "resolution", "eventTime"),
            CollectionActivity.getClassSchema(), List.of("eventId", "activityType", "customerId", "invoiceId",
                    "collectorId", "promisedAmount", "promisedDate", "eventTime"),
            CollectionPolicy.getClassSchema(), List.of("policyId", "segment", "overdueStageDays", "graceDays",
                    "disputeSlaDays", "disputeWarnRatio", "followUpSlaDays", "promiseGraceDays",
                    "creditWarnUtilization", "unappliedCashMaxDays", "duplicateWindowDays", "eventTime"),
            Alert.getClassSchema(), List.of("alertId", "alertType", "status", "severity", "customerId", "invoiceId",
                    "disputeId", "paymentId", "collectorId", "segment", "disputed", "amount", "currency",
                    "stageDays", "triggeredAt", "message"),
            DeadLetter.getClassSchema(), List.of("sourceTopic", "partition", "offset", "key", "value", "error",
                    "failedAt", "reasonCode", "valueLength", "valueSha256"));

    @Test
    void everyRecordHasExactlyTheContractFieldsInOrder() {
        CONTRACT.forEach((schema, fields) -> {
            assertThat(schema.getNamespace()).isEqualTo("io.arrears.events");
            assertThat(schema.getFields().stream().map(Schema.Field::name).toList()).as(schema.getName())
                    .isEqualTo(fields);
        });
    }

    @Test
    void everyFieldAndRecordIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        CONTRACT.keySet().forEach(schema -> collectUndocumented(schema, undocumented));
        assertThat(undocumented).isEmpty();
    }

    @Test
    void moneyIsDecimal18Scale2DatesAreDatesAndTimesAreMillis() {
        assertThat(logical(InvoiceEvent.getClassSchema(), "amount")).isEqualTo(LogicalTypes.decimal(18, 2));
        assertThat(logical(CustomerUpdated.getClassSchema(), "creditLimit")).isEqualTo(LogicalTypes.decimal(18, 2));
        assertThat(logical(CollectionActivity.getClassSchema(), "promisedAmount")).isEqualTo(LogicalTypes.decimal(18, 2));
        assertThat(logical(Alert.getClassSchema(), "amount")).isEqualTo(LogicalTypes.decimal(18, 2));
        assertThat(logical(Allocation.getClassSchema(), "amount")).isEqualTo(LogicalTypes.decimal(18, 2));
        assertThat(logical(InvoiceEvent.getClassSchema(), "dueDate")).isEqualTo(LogicalTypes.date());
        assertThat(logical(CollectionActivity.getClassSchema(), "promisedDate")).isEqualTo(LogicalTypes.date());
        CONTRACT.keySet().forEach(schema -> schema.getFields().stream()
                .filter(f -> f.name().equals("eventTime") || f.name().equals("triggeredAt") || f.name().equals("failedAt"))
                .forEach(f -> assertThat(f.schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMillis())));
    }

    @Test
    void policyDefaultsAreTheDocumentedOnes() {
        CollectionPolicy defaults = CollectionPolicy.newBuilder().setPolicyId("p").setSegment("*")
                .setEventTime(java.time.Instant.EPOCH).build();
        assertThat(defaults.getOverdueStageDays()).containsExactly(1, 30, 60, 90);
        assertThat(defaults.getGraceDays()).isZero();
        assertThat(defaults.getDisputeSlaDays()).isEqualTo(7);
        assertThat(defaults.getDisputeWarnRatio()).isEqualTo(0.8);
        assertThat(defaults.getFollowUpSlaDays()).isEqualTo(5);
        assertThat(defaults.getPromiseGraceDays()).isEqualTo(1);
        assertThat(defaults.getCreditWarnUtilization()).isEqualTo(0.9);
        assertThat(defaults.getUnappliedCashMaxDays()).isEqualTo(3);
        assertThat(defaults.getDuplicateWindowDays()).isEqualTo(30);
    }

    private static org.apache.avro.LogicalType logical(Schema record, String field) {
        Schema schema = record.getField(field).schema();
        if (schema.getType() == Schema.Type.UNION) {
            schema = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
        }
        return schema.getLogicalType();
    }

    private static void collectUndocumented(Schema schema, List<String> undocumented) {
        if (schema.getDoc() == null || schema.getDoc().isBlank()) {
            undocumented.add(schema.getFullName());
        }
        for (Schema.Field field : schema.getFields()) {
            if (field.doc() == null || field.doc().isBlank()) {
                undocumented.add(schema.getName() + "." + field.name());
            }
            Schema inner = field.schema();
            if (inner.getType() == Schema.Type.ARRAY && inner.getElementType().getType() == Schema.Type.RECORD) {
                collectUndocumented(inner.getElementType(), undocumented);
            }
        }
    }
}
