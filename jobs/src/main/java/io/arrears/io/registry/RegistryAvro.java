package io.arrears.io.registry;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.formats.avro.RegistryAvroSerializationSchema;

/** Serialization schemas in the registry's wire format for the generated classes. */
public final class RegistryAvro {

    private RegistryAvro() {
    }

    /** Writes values of {@code topic}, registering the class's schema under "topic-value" when needed. */
    public static <T extends SpecificRecord> RegistryAvroSerializationSchema<T> serializer(
            Class<T> type, String topic, RegistrySettings settings) {
        return RegistryAvroSerializationSchema.forSpecific(type,
                new ConfluentSchemaCoderProvider(settings, ConfluentSchemaCoderProvider.valueSubject(topic)));
    }

    /** Writes with an explicit (for example older) schema; used to produce history and in tests. */
    public static RegistryAvroSerializationSchema<GenericRecord> genericSerializer(
            Schema schema, String topic, RegistrySettings settings) {
        return RegistryAvroSerializationSchema.forGeneric(schema,
                new ConfluentSchemaCoderProvider(settings, ConfluentSchemaCoderProvider.valueSubject(topic)));
    }

    /** Reads any registered writer schema, resolved against the class's (reader) schema. */
    public static <T extends SpecificRecord> RegistryAvroDecoder<T> deserializer(Class<T> type,
                                                                               RegistrySettings settings) {
        return new RegistryAvroDecoder<>(type, new ConfluentSchemaCoderProvider(settings, null));
    }
}
