package io.arrears.io.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.formats.avro.SchemaCoder;

/**
 * Reads records in the registry's wire format into a generated class, resolving the writer's schema against
 * the class's. Unlike a plain Avro reader it never believes a length beyond the record's size
 * ({@link BoundedDecoder}), so no record can exhaust the heap. Not thread-safe, as a Flink deserializer.
 */
public final class RegistryAvroDecoder<T extends SpecificRecord> implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int HEADER_BYTES = 5;

    private final Class<T> type;
    private final SchemaCoder.SchemaCoderProvider coders;
    private transient SchemaCoder coder;
    private transient Map<Schema, SpecificDatumReader<T>> readers;
    private transient BinaryDecoder binary;
    private transient BoundedDecoder bounded;

    RegistryAvroDecoder(Class<T> type, SchemaCoder.SchemaCoderProvider coders) {
        this.type = type;
        this.coders = coders;
    }

    public T deserialize(byte[] message) throws IOException {
        if (coder == null) {
            coder = coders.get();
            readers = new HashMap<>();
            bounded = new BoundedDecoder();
        }
        Schema writer = coder.readSchema(new ByteArrayInputStream(message));
        SpecificDatumReader<T> reader = readers.get(writer);
        if (reader == null) {
            SpecificData model = SpecificData.getForClass(type);
            reader = new SpecificDatumReader<>(writer, model.getSchema(type), model);
            readers.put(writer, reader);
        }
        binary = DecoderFactory.get().binaryDecoder(message, HEADER_BYTES, message.length - HEADER_BYTES, binary);
        return reader.read(null, bounded.on(binary, message.length));
    }
}
