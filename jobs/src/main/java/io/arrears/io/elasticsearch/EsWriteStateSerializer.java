package io.arrears.io.elasticsearch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes the document writes a writer owes into checkpoints. Version 1 is what the writer wrote while it was an
 * AsyncSinkWriter (a marker, then per write its size and a retry count); a savepoint of that time restores.
 */
final class EsWriteStateSerializer implements SimpleVersionedSerializer<List<EsWrite>> {

    private static final int VERSION = 2;
    private static final long V1_MARKER = -1L;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(List<EsWrite> writes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(writes.size());
            for (EsWrite write : writes) {
                out.writeUTF(write.index());
                out.writeUTF(write.id());
                out.writeLong(write.version());
                out.writeInt(write.json().length);
                out.write(write.json());
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public List<EsWrite> deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1 && version != VERSION) {
            throw new IOException("unknown version " + version + " of the Elasticsearch writer's state");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            if (version == 1 && in.readLong() != V1_MARKER) {
                throw new IOException("corrupt Elasticsearch writer state (version 1)");
            }
            int count = in.readInt();
            List<EsWrite> writes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                if (version == 1) {
                    in.readLong(); // the entry's size
                }
                String index = in.readUTF();
                String id = in.readUTF();
                long documentVersion = in.readLong();
                byte[] json = new byte[in.readInt()];
                in.readFully(json);
                if (version == 1) {
                    in.readInt(); // attempts so far: a restored write starts afresh
                }
                writes.add(new EsWrite(index, id, documentVersion, json));
            }
            return writes;
        }
    }
}
