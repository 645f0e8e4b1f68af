package io.arrears.io.files;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

import io.arrears.ingest.AvroEventMapper;
import io.arrears.kpi.CurrencyRates;
import io.arrears.ingest.DeadLetter;
import io.arrears.ingest.EventStream;
import io.arrears.ingest.Ingested;
import io.arrears.model.ContractViolation;

/**
 * One line of a replay file: {"stream": "invoices" | "payments" | ..., ...the record's fields}. It goes
 * through the same contract checks as a Kafka record; a bad line becomes a dead letter with its line number.
 */
public final class ReplayLineDecoder implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final CurrencyRates rates;

    /** @param source how dead letters name the file */
    public ReplayLineDecoder(String source, CurrencyRates rates) {
        this.source = source;
        this.rates = rates;
    }

    public Ingested decode(String line, long lineNumber) {
        try {
            JsonNode json = AvroJson.parse(line);
            JsonNode stream = json.get("stream");
            if (stream == null || !stream.isTextual()) {
                throw new JsonContractException("missing \"stream\": one of customers, invoices, payments, "
                        + "disputes, activities, policies");
            }
            EventStream kind = EventStream.byStreamName(stream.textValue()).orElseThrow(() ->
                    new JsonContractException("unknown stream \"" + stream.textValue() + "\": one of customers, "
                            + "invoices, payments, disputes, activities, policies"));
            return AvroEventMapper.toIngested(kind, AvroJson.read(json, kind.avroClass(), "stream"), rates);
        } catch (JsonContractException | ContractViolation e) {
            return Ingested.of(new DeadLetter(source, -1, lineNumber, null,
                    line.getBytes(StandardCharsets.UTF_8), "line " + lineNumber + ": " + e.getMessage(),
                    System.currentTimeMillis()));
        }
    }
}
