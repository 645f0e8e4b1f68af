package io.arrears.io.registry;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.ParsedSchema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.avro.AvroSchema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.SchemaRegistryClient;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.rest.exceptions.RestClientException;
import org.apache.flink.formats.avro.SchemaCoder;

import io.arrears.model.ReasonCode;

/**
 * The Confluent Schema Registry framing: magic byte 0, the schema id as a 4-byte big-endian int, then Avro
 * binary. Schemas cross from the relocated Confluent client as strings into plain Avro, because that client's
 * Avro is a relocated copy.
 *
 * <p>Registry answers that mean "this record is bad" (unknown id) become a {@link WireFormatException}; any
 * other failure (registry down, credentials refused) is a {@link RegistryUnavailableException}, which fails the
 * task so that it retries from the last checkpoint instead of dead-lettering good records during an outage.
 */
public final class ConfluentSchemaCoder implements SchemaCoder {

    static final byte MAGIC_BYTE = 0;
    private static final int NOT_FOUND = 404;
    private static final int REGISTER_ATTEMPTS = 3;

    private final SchemaRegistryClient client;
    private final String subject;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<Schema, Integer> idsBySchema = new ConcurrentHashMap<>();

    /** @param subject the subject new schemas are registered under when writing; may be null for a reader */
    public ConfluentSchemaCoder(SchemaRegistryClient client, String subject) {
        this.client = client;
        this.subject = subject;
    }

    @Override
    public Schema readSchema(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int magic = data.read();
        if (magic != MAGIC_BYTE) {
            throw new WireFormatException(ReasonCode.DECODE, magic < 0 ? "empty record value"
                    : String.format("unknown magic byte 0x%02x: not in the schema registry wire format"
                            + " (expected 0x00, a 4-byte schema id, then Avro binary)", magic));
        }
        int id;
        try {
            id = data.readInt();
        } catch (EOFException e) {
            throw new WireFormatException(ReasonCode.DECODE, "record value ends inside the 4-byte schema id");
        }
        Schema known = schemasById.get(id);
        return known != null ? known : fetch(id);
    }

    private Schema fetch(int id) throws IOException {
        ParsedSchema found;
        try {
            found = client.getSchemaById(id);
        } catch (RestClientException e) {
            if (e.getStatus() == NOT_FOUND) {
                throw new WireFormatException(ReasonCode.SCHEMA, "schema id " + id + " is not in the schema registry");
            }
            throw new RegistryUnavailableException("the schema registry refused to return schema id " + id + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            // The client knows only Avro: it refuses a JSON Schema or Protobuf schema as "Invalid schema ...",
            // the registry's answer, not an outage (which surfaces as a connection or HTTP failure).
            if (e.getMessage() != null && e.getMessage().startsWith("Invalid schema")) {
                throw new WireFormatException(ReasonCode.SCHEMA, "schema id " + id
                        + " is not an Avro schema (a JSON Schema or Protobuf one?): records on this topic are Avro");
            }
            throw new RegistryUnavailableException("the schema registry did not return schema id " + id + ": "
                    + e.getMessage(), e);
        }
        if (!AvroSchema.TYPE.equals(found.schemaType())) {
            throw new WireFormatException(ReasonCode.SCHEMA, "schema id " + id + " is a " + found.schemaType()
                    + " schema, not Avro: records on this topic are Avro");
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(found.canonicalString());
        } catch (RuntimeException e) {
            throw new WireFormatException(ReasonCode.SCHEMA, "schema id " + id + " cannot be read as Avro: "
                    + e.getMessage());
        }
        schemasById.put(id, schema);
        return schema;
    }

    @Override
    public void writeSchema(Schema schema, OutputStream out) throws IOException {
        // Flink calls this once per record: registration must be a map lookup after the first time.
        Integer id = idsBySchema.get(schema);
        if (id == null) {
            id = register(schema);
        }
        DataOutputStream data = new DataOutputStream(out);
        data.writeByte(MAGIC_BYTE);
        data.writeInt(id);
        data.flush();
    }

    /**
     * Registers {@code schema} under this coder's subject and returns its id. Parallel writers register the
     * same new schema at the same moment; a registry may refuse all but one of them (Apicurio answers 409
     * "already exists"), so a refusal is checked against what the subject now holds before it counts as an
     * incompatibility.
     */
    public int register(Schema schema) throws IOException {
        if (subject == null) {
            throw new IllegalStateException("this coder reads only; it has no subject to register under");
        }
        AvroSchema candidate = new AvroSchema(schema.toString());
        RestClientException refusal = null;
        for (int attempt = 0; attempt < REGISTER_ATTEMPTS; attempt++) {
            try {
                int id = client.register(subject, candidate);
                idsBySchema.put(schema, id);
                return id;
            } catch (RestClientException e) {
                refusal = e;
            }
            Integer existing = lookUp(candidate);
            if (existing != null) {
                idsBySchema.put(schema, existing);
                return existing;
            }
            pause(attempt);
        }
        throw new IncompatibleSchemaException(subject, refusal.getStatus(), refusal.getMessage());
    }

    private Integer lookUp(AvroSchema candidate) throws IOException {
        try {
            return client.getId(subject, candidate);
        } catch (RestClientException notThere) {
            return null;
        }
    }

    private static void pause(int attempt) throws IOException {
        try {
            Thread.sleep(100L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while registering a schema", e);
        }
    }
}
