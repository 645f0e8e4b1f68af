package io.arrears.ingest;

import java.util.Arrays;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;

/** The input streams: their name in replay files, their default Kafka topic and their Avro record. */
public enum EventStream {
    CUSTOMERS("customers", "ar.customers", io.arrears.events.CustomerUpdated.class),
    INVOICES("invoices", "ar.invoices", io.arrears.events.InvoiceEvent.class),
    PAYMENTS("payments", "ar.payments", io.arrears.events.PaymentEvent.class),
    DISPUTES("disputes", "ar.disputes", io.arrears.events.DisputeEvent.class),
    ACTIVITIES("activities", "ar.activities", io.arrears.events.CollectionActivity.class),
    POLICIES("policies", "ar.policies", io.arrears.events.CollectionPolicy.class);

    private final String streamName;
    private final String defaultTopic;
    private final Class<? extends SpecificRecord> avroClass;

    EventStream(String streamName, String defaultTopic, Class<? extends SpecificRecord> avroClass) {
        this.streamName = streamName;
        this.defaultTopic = defaultTopic;
        this.avroClass = avroClass;
    }

    /** The value of "stream" in a replay file line. */
    public String streamName() {
        return streamName;
    }

    public String defaultTopic() {
        return defaultTopic;
    }

    public Class<? extends SpecificRecord> avroClass() {
        return avroClass;
    }

    public static Optional<EventStream> byStreamName(String name) {
        return Arrays.stream(values()).filter(s -> s.streamName.equals(name)).findFirst();
    }
}
