package io.arrears.io.files;

import java.io.Serializable;

import com.fasterxml.jackson.databind.JsonNode;

import io.arrears.ingest.AvroEventMapper;
import io.arrears.ingest.DeadLetter;
import io.arrears.ingest.EventStream;
import io.arrears.ingest.Ingested;
import io.arrears.model.ContractViolation;
import io.arrears.model.ReasonCode;

/**
 * One line of a replay file: {"stream": "invoices" | "payments" | ..., ...the record's fields}. It goes
 * through the same contract checks and limits as a Kafka record; a bad line becomes a dead letter with its line
 * number.
 */
public final class ReplayLineDecoder implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final AvroEventMapper mapper;

    /** @param source how dead letters name the file */
    public ReplayLineDecoder(String source, AvroEventMapper mapper) {
        this.source = source;
        this.mapper = mapper;
    }

    public AvroEventMapper mapper() {
        return mapper;
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
                    new JsonContractException("unknown stream " + io.arrears.model.EventContract.quote(
                            stream.textValue()) + ": one of customers, invoices, payments, disputes, activities, "
                            + "policies"));
            return mapper.toIngested(kind, AvroJson.read(json, kind.avroClass(), "stream"));
        } catch (JsonContractException e) {
            return deadLetter(line, lineNumber, e.reasonCode(), e.getMessage());
        } catch (ContractViolation e) {
            return deadLetter(line, lineNumber, e.reasonCode(), e.getMessage());
        }
    }

    /** A line longer than ingest.max-record-bytes, known by its first part, its length and its SHA-256. */
    public Ingested tooLong(BoundedLineReader.Line line, long lineNumber) {
        return Ingested.of(DeadLetter.ofPart(source, lineNumber, line.text().getBytes(
                java.nio.charset.StandardCharsets.UTF_8), line.length(), line.sha256(), ReasonCode.LIMIT,
                "line " + lineNumber + ": " + line.length() + " bytes, longer than ingest.max-record-bytes ("
                        + mapper.limits().maxRecordBytes() + ")", System.currentTimeMillis()));
    }

    private Ingested deadLetter(String line, long lineNumber, ReasonCode reasonCode, String error) {
        return Ingested.of(DeadLetter.ofText(source, lineNumber, line, reasonCode, "line " + lineNumber + ": "
                + error, System.currentTimeMillis()));
    }
}
