package io.arrears.io.registry;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.formats.avro.RegistryAvroDeserializationSchema;
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
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> RegistryAvroDeserializationSchema<T> deserializer(
            Class<T> type, RegistrySettings settings) {
        Schema reader;
        try {
            reader = (Schema) type.getMethod("getClassSchema").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type + " is not an Avro generated class", e);
        }
        return new RegistryAvroDeserializationSchema<>(type, reader,
                new ConfluentSchemaCoderProvider(settings, null));
    }
}
