package io.arrears.testing;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Mutates valid input records as a careless or hostile producer would: flipped bits, cut bodies, wrong schema
 * ids, random bodies behind a valid header, boundary values and oversized strings in single fields. The
 * mutation of record {@code n} depends only on the seed and {@code n}.
 */
public final class RecordFuzzer {

    /** How a record was mutated, to report what a failure came from. */
    public enum Mutation { BIT_FLIPS, TRUNCATION, SCHEMA_ID, RANDOM_BODY, BOUNDARY_VALUE, OVERSIZED_FIELD }

    /** Encodes a record in the wire format of its topic. */
    @FunctionalInterface
    public interface Encoder {
        byte[] encode(SpecificRecord record);
    }

    private static final String[] HOSTILE_STRINGS = {"", " ", "\u0000", "a\u0007b", "\ud800", "\u202e-1",
            "x".repeat(129), "y".repeat(1001), "1e999999999", "-0", "NaN", "9".repeat(40), "{\"$ne\":null}",
            "'; DROP TABLE invoices; --", "\u00e9\ud83d\ude00".repeat(70)};
    private static final long[] HOSTILE_LONGS = {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1, -62_135_596_800_000L,
            253_402_300_800_000L, 1_780_000_000_000_000L};
    private static final int[] HOSTILE_INTS = {Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0, 3651, 2_932_897};

    private final long seed;

    public RecordFuzzer(long seed) {
        this.seed = seed;
    }

    public static Mutation mutationOf(int n) {
        return Mutation.values()[n % Mutation.values().length];
    }

    /** Record {@code n}: a mutation of {@code base} (which it does not change). */
    public byte[] mutate(int n, SpecificRecord base, Encoder encoder) {
        Random random = new Random(seed * 1_000_003L + n);
        return switch (mutationOf(n)) {
            case BIT_FLIPS -> {
                byte[] bytes = encoder.encode(base);
                for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                    int bit = random.nextInt(bytes.length * 8);
                    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
                }
                yield bytes;
            }
            case TRUNCATION -> {
                byte[] bytes = encoder.encode(base);
                yield java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            case SCHEMA_ID -> {
                byte[] bytes = encoder.encode(base);
                ByteBuffer.wrap(bytes).putInt(1, random.nextBoolean() ? random.nextInt() : random.nextInt(40));
                yield bytes;
            }
            case RANDOM_BODY -> {
                byte[] bytes = encoder.encode(base);
                byte[] body = new byte[random.nextInt(200)];
                random.nextBytes(body);
                yield ByteBuffer.allocate(5 + body.length).put(bytes, 0, 5).put(body).array();
            }
            case BOUNDARY_VALUE -> encodeOrFlip(base, withField(base, random, false), encoder, random);
            case OVERSIZED_FIELD -> encodeOrFlip(base, withField(base, random, true), encoder, random);
        };
    }

    /** Some boundary values cannot even be encoded (a null in a required field): such a record is flipped instead. */
    private static byte[] encodeOrFlip(SpecificRecord base, SpecificRecord record, Encoder encoder, Random random) {
        try {
            return encoder.encode(record);
        } catch (RuntimeException unencodable) {
            byte[] bytes = encoder.encode(base);
            bytes[random.nextInt(bytes.length)] ^= 0x40;
            return bytes;
        }
    }

    private static SpecificRecord withField(SpecificRecord base, Random random, boolean oversized) {
        SpecificRecord copy = SpecificData.getForSchema(base.getSchema()).deepCopy(base.getSchema(), base);
        List<Schema.Field> fields = base.getSchema().getFields();
        Schema.Field field = fields.get(random.nextInt(fields.size()));
        Schema type = nonNull(field.schema());
        String logical = type.getLogicalType() == null ? "" : type.getLogicalType().getName();
        Object value = switch (type.getType()) {
            case BYTES, FIXED, LONG, INT -> switch (logical) {
                case "decimal" -> oversized ? new java.math.BigDecimal(java.math.BigInteger.TEN.pow(70_000), 2)
                        : random.nextBoolean() ? new java.math.BigDecimal("1e28").setScale(2)
                        : java.math.BigDecimal.valueOf(-random.nextInt(1_000_000), 2);
                case "timestamp-millis" -> java.time.Instant.ofEpochMilli(
                        HOSTILE_LONGS[random.nextInt(HOSTILE_LONGS.length)]);
                case "date" -> java.time.LocalDate.ofEpochDay(HOSTILE_INTS[random.nextInt(HOSTILE_INTS.length)]);
                default -> plain(type, random, oversized, copy, field);
            };
            default -> plain(type, random, oversized, copy, field);
        };
        if (value instanceof List<?> list && !list.isEmpty() && list.get(0) == null) {
            value = List.of();
        }
        try {
            copy.put(field.pos(), value);
        } catch (RuntimeException refusedByTheRecord) { // null in a primitive field: the record stays as it was
            return copy;
        }
        return copy;
    }

    private static Object plain(Schema type, Random random, boolean oversized, SpecificRecord copy,
                                Schema.Field field) {
        return switch (type.getType()) {
            case STRING -> oversized ? "z".repeat(random.nextBoolean() ? 70_000 : 900_000)
                    : HOSTILE_STRINGS[random.nextInt(HOSTILE_STRINGS.length)];
            case LONG -> HOSTILE_LONGS[random.nextInt(HOSTILE_LONGS.length)];
            case INT -> HOSTILE_INTS[random.nextInt(HOSTILE_INTS.length)];
            case BYTES -> ByteBuffer.wrap(oversized ? new byte[70_000] : hugeOrNegative(random));
            case ARRAY -> oversized ? java.util.Collections.nCopies(5_000, firstElement(copy, field))
                    : List.of();
            case DOUBLE -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e308, -1}[random.nextInt(5)];
            case FLOAT -> new float[] {Float.NaN, Float.NEGATIVE_INFINITY, 3e38f}[random.nextInt(3)];
            default -> null;
        };
    }

    private static Object firstElement(SpecificRecord record, Schema.Field field) {
        Object list = record.get(field.pos());
        return list instanceof List<?> elements && !elements.isEmpty() ? elements.get(0) : null;
    }

    /** The two's-complement bytes of a decimal's unscaled value: past decimal(18,2), or below zero. */
    private static byte[] hugeOrNegative(Random random) {
        return random.nextBoolean() ? new java.math.BigInteger("9".repeat(30)).toByteArray()
                : java.math.BigInteger.valueOf(-random.nextInt(1_000_000)).toByteArray();
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElse(schema);
    }
}
