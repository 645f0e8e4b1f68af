package io.arrears.io.elasticsearch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/** Writes buffered, not yet acknowledged document writes into checkpoints. */
final class EsWriteStateSerializer extends AsyncSinkWriterStateSerializer<EsWrite> {

    @Override
    protected void serializeRequestToStream(EsWrite write, DataOutputStream out) throws IOException {
        out.writeUTF(write.index());
        out.writeUTF(write.id());
        out.writeLong(write.version());
        out.writeInt(write.json().length);
        out.write(write.json());
        out.writeInt(write.attempts());
    }

    @Override
    protected EsWrite deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
        String index = in.readUTF();
        String id = in.readUTF();
        long version = in.readLong();
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        return new EsWrite(index, id, version, json, in.readInt());
    }

    @Override
    public int getVersion() {
        return 1;
    }
}
