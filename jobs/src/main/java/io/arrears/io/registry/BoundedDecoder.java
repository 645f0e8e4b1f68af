package io.arrears.io.registry;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding that believes no length in a record beyond the record's own size. Avro allocates a
 * string, a byte array or a list as large as the length the bytes claim before it reads them, so a record of
 * 50 bytes with a corrupt length could make it allocate gigabytes and fail the job with an OutOfMemoryError;
 * here such a record is refused as corrupt, after allocating at most its own size.
 */
final class BoundedDecoder extends Decoder {

    private Decoder in;
    private long limit;

    /**
     * Decodes the next record (reusing this decoder, as Avro reuses its own per record).
     *
     * @param limit the size of the whole record: no string, bytes or block of items can be longer
     */
    BoundedDecoder on(Decoder record, long limit) {
        this.in = record;
        this.limit = limit;
        return this;
    }

    private long checked(long length, String what) throws IOException {
        if (length < 0 || length > limit) {
            throw new CorruptLengthException("corrupt Avro body: " + what + " of " + length
                    + " claimed in a record of " + limit + " bytes");
        }
        return length;
    }

    /** A length the record cannot hold. */
    static final class CorruptLengthException extends IOException {
        CorruptLengthException(String message) {
            super(message);
        }
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = (int) checked(in.readLong(), "a string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        if (length > 0) {
            in.readFixed(result.getBytes(), 0, length);
        }
        return result;
    }

    @Override
    public String readString() throws IOException {
        return readString(null).toString();
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = (int) checked(in.readLong(), "a byte string");
        ByteBuffer result = old != null && old.capacity() >= length ? old : ByteBuffer.allocate(length);
        result.clear();
        in.readFixed(result.array(), result.arrayOffset(), length);
        result.limit(length);
        return result;
    }

    @Override
    public long readArrayStart() throws IOException {
        return checked(in.readArrayStart(), "a block of items");
    }

    @Override
    public long arrayNext() throws IOException {
        return checked(in.arrayNext(), "a block of items");
    }

    @Override
    public long readMapStart() throws IOException {
        return checked(in.readMapStart(), "a block of entries");
    }

    @Override
    public long mapNext() throws IOException {
        return checked(in.mapNext(), "a block of entries");
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public void skipString() throws IOException {
        in.skipString();
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipBytes();
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public long skipArray() throws IOException {
        return in.skipArray();
    }

    @Override
    public long skipMap() throws IOException {
        return in.skipMap();
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
