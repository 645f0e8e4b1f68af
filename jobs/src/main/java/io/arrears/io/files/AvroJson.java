package io.arrears.io.files;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arrears.model.ContractViolation;
import io.arrears.model.Money;
import io.arrears.model.ReasonCode;

/**
 * The JSON form of the event contract, used by replay files and the generator: fields by their schema names,
 * amounts as JSON numbers or decimal strings, dates "YYYY-MM-DD", timestamps ISO-8601 instants, enums by name.
 * A missing field takes its schema default; a field the schema does not know is refused, so typos surface.
 */
public final class AvroJson {

    /** Decimals as BigDecimal, never through a double, and as written (3.0 stays 3.0): amounts stay exact. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private AvroJson() {
    }

    /** Reads a record of the generated class {@code type}; {@code ignored} names fields that are not its own. */
    public static <T extends SpecificRecord> T read(JsonNode json, Class<T> type, String... ignored) {
        Schema schema = SpecificData.get().getSchema(type);
        return type.cast(readRecord(json, schema, "", List.of(ignored)));
    }

    private static Object readRecord(JsonNode json, Schema schema, String path, List<String> ignored) {
        if (!json.isObject()) {
            throw new JsonContractException(name(path, schema.getName()) + " must be a JSON object");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (schema.getField(field) == null && !ignored.contains(field)) {
                throw new JsonContractException("unknown field '" + path + field + "' for " + schema.getName());
            }
        }
        SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            JsonNode value = json.get(field.name());
            String fieldPath = path + field.name();
            if (value == null || value.isNull() && !field.schema().isNullable()) {
                if (!field.hasDefaultValue()) {
                    throw new JsonContractException("missing field '" + fieldPath + "'");
                }
                record.put(field.pos(), SpecificData.get().deepCopy(field.schema(),
                        SpecificData.get().getDefaultValue(field)));
            } else {
                record.put(field.pos(), readValue(value, field.schema(), fieldPath));
            }
        }
        return record;
    }

    private static Object readValue(JsonNode value, Schema schema, String path) {
        if (schema.getType() == Schema.Type.UNION) {
            if (value.isNull()) {
                return null;
            }
            Schema nonNull = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst()
                    .orElseThrow();
            return readValue(value, nonNull, path);
        }
        LogicalType logical = schema.getLogicalType();
        try {
            if (logical instanceof LogicalTypes.Decimal decimal) {
                BigDecimal amount = value.isNumber() ? value.decimalValue() : new BigDecimal(text(value, path));
                // Through cents: refuses what decimal(18,2) cannot hold, or more than two decimals, without
                // computing with hostile forms such as 1e999999999.
                try {
                    return Money.toDecimal(Money.toCents(amount));
                } catch (ContractViolation e) {
                    throw new ContractViolation(e.reasonCode(), "field '" + path + "': " + e.getMessage());
                }
            }
            if (logical instanceof LogicalTypes.Date) {
                return LocalDate.parse(text(value, path));
            }
            if (logical instanceof LogicalTypes.TimestampMillis) {
                if (value.isNumber()) {
                    requireNumber(value, path, value.isIntegralNumber() && value.canConvertToLong());
                    return Instant.ofEpochMilli(value.longValue());
                }
                return Instant.parse(text(value, path));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new JsonContractException("field '" + path + "' is not a valid " + logical.getName() + ": "
                    + value);
        }
        return switch (schema.getType()) {
            case STRING -> text(value, path);
            case INT -> {
                requireNumber(value, path, value.canConvertToInt() && value.isIntegralNumber());
                yield value.intValue();
            }
            case LONG -> {
                requireNumber(value, path, value.isIntegralNumber() && value.canConvertToLong());
                yield value.longValue();
            }
            case DOUBLE -> {
                requireNumber(value, path, value.isNumber());
                yield value.doubleValue();
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw new JsonContractException("field '" + path + "' must be true or false: " + value);
                }
                yield value.booleanValue();
            }
            case ENUM -> {
                String symbol = text(value, path);
                if (!schema.getEnumSymbols().contains(symbol)) {
                    throw new JsonContractException("field '" + path + "' must be one of " + schema.getEnumSymbols()
                            + ", was \"" + symbol + "\"");
                }
                yield SpecificData.get().createEnum(symbol, schema);
            }
            case ARRAY -> {
                if (!value.isArray()) {
                    throw new JsonContractException("field '" + path + "' must be a JSON array");
                }
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    items.add(readValue(value.get(i), schema.getElementType(), path + "[" + i + "]"));
                }
                yield items;
            }
            case RECORD -> readRecord(value, schema, path + ".", List.of());
            default -> throw new IllegalStateException("the event contract has no " + schema.getType() + " fields");
        };
    }

    private static String text(JsonNode value, String path) {
        if (!value.isTextual()) {
            throw new JsonContractException("field '" + path + "' must be a string: " + value);
        }
        return value.textValue();
    }

    private static void requireNumber(JsonNode value, String path, boolean ok) {
        if (!ok) {
            throw new JsonContractException("field '" + path + "' must be a number of the right kind: " + value);
        }
    }

    private static String name(String path, String recordName) {
        return path.isEmpty() ? recordName : "field '" + path.substring(0, path.length() - 1) + "'";
    }

    /** The JSON form of a record; null fields are written as null. */
    public static ObjectNode write(SpecificRecord record) {
        return (ObjectNode) writeValue(record, record.getSchema());
    }

    private static JsonNode writeValue(Object value, Schema schema) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        }
        if (schema.getType() == Schema.Type.UNION) {
            Schema nonNull = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst()
                    .orElseThrow();
            return writeValue(value, nonNull);
        }
        if (value instanceof BigDecimal decimal) {
            return nodes.numberNode(decimal);
        }
        if (value instanceof LocalDate || value instanceof Instant) {
            return nodes.textNode(value.toString());
        }
        return switch (schema.getType()) {
            case RECORD -> {
                ObjectNode object = nodes.objectNode();
                SpecificRecord record = (SpecificRecord) value;
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), writeValue(record.get(field.pos()), field.schema()));
                }
                yield object;
            }
            case ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                for (Object item : (List<?>) value) {
                    array.add(writeValue(item, schema.getElementType()));
                }
                yield array;
            }
            case BYTES -> nodes.binaryNode(toBytes((java.nio.ByteBuffer) value));
            default -> JSON.valueToTree(value instanceof Enum<?> e ? e.name() : value instanceof CharSequence c
                    ? c.toString() : value);
        };
    }

    private static byte[] toBytes(java.nio.ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** Parses one JSON line. */
    public static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new JsonContractException(ReasonCode.DECODE, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    public static String toLine(JsonNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
