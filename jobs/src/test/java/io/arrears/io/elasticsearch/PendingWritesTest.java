package io.arrears.io.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class PendingWritesTest {

    private static EsWrite write(String id, long version) {
        return new EsWrite("customers", id, version, ("{\"v\":" + version + "}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void onlyTheNewestVersionOfADocumentWaitsAndAnOlderOneNeverReplacesIt() {
        PendingWrites pending = new PendingWrites();
        pending.add(write("C1", 2));
        pending.add(write("C1", 1));
        pending.add(write("C2", 1));
        pending.add(write("C1", 3));

        assertThat(pending.waitingCount()).isEqualTo(2);
        assertThat(pending.take(10, Long.MAX_VALUE).writes()).extracting(w -> w.id() + "@" + w.version())
                .containsExactly("C2@1", "C1@3"); // C1 queued again behind C2 when its newer version came
    }

    @Test
    void aFailedBatchWaitsAgainUnlessANewerVersionArrivedMeanwhile() {
        PendingWrites pending = new PendingWrites();
        pending.add(write("C1", 1));
        pending.add(write("C2", 1));
        PendingWrites.Batch sent = pending.take(10, Long.MAX_VALUE);
        pending.add(write("C1", 5));

        pending.retry(sent, sent.writes());

        assertThat(pending.owed()).extracting(w -> w.id() + "@" + w.version())
                .containsExactlyInAnyOrder("C1@5", "C2@1");
        pending.done(pending.take(10, Long.MAX_VALUE));
        assertThat(pending.isEmpty()).isTrue();
        assertThat(pending.bytes()).isZero();
        assertThat(pending.count()).isZero();
    }

    @Test
    void whatIsHandedOutStaysOwedUntilItIsDoneWith() {
        PendingWrites pending = new PendingWrites();
        pending.add(write("C1", 1));
        pending.add(write("C2", 1));
        PendingWrites.Batch sent = pending.take(1, Long.MAX_VALUE);
        pending.add(write("C1", 2)); // while version 1 is in flight

        assertThat(sent.writes()).extracting(EsWrite::id).containsExactly("C1");
        assertThat(pending.owed()).extracting(w -> w.id() + "@" + w.version())
                .containsExactlyInAnyOrder("C1@2", "C2@1");
        assertThat(pending.count()).isEqualTo(3);
        pending.done(sent);
        assertThat(pending.count()).isEqualTo(2);
    }

    @Test
    void writesHandedOutAgainAfterTheirBatchWasDoneWithAreCountedUntilTheyAreDoneWith() {
        PendingWrites pending = new PendingWrites();
        pending.add(write("C1", 1));
        pending.add(write("C2", 1));
        long owed = pending.bytes();
        PendingWrites.Batch sent = pending.take(10, Long.MAX_VALUE);
        pending.done(sent); // refused as a whole: split in halves
        PendingWrites.Batch first = pending.handOut(sent.writes().subList(0, 1));
        PendingWrites.Batch second = pending.handOut(sent.writes().subList(1, 2));

        assertThat(pending.bytes()).isEqualTo(owed);
        assertThat(pending.count()).isEqualTo(2);
        pending.done(first);
        pending.done(second);
        assertThat(pending.bytes()).isZero();
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void aBatchStopsAtItsByteLimitButAlwaysTakesOneWrite() {
        PendingWrites pending = new PendingWrites();
        pending.add(write("C1", 1));
        pending.add(write("C2", 1));
        assertThat(pending.take(10, 1).writes()).hasSize(1);
    }

    @Test
    void stateWrittenByTheEarlierAsyncSinkWriterRestores() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(-1L);
            out.writeInt(1);
            out.writeLong(42);
            out.writeUTF("customers");
            out.writeUTF("C1");
            out.writeLong(7);
            out.writeInt(2);
            out.write("{}".getBytes(StandardCharsets.UTF_8));
            out.writeInt(3);
        }
        EsWriteStateSerializer serializer = new EsWriteStateSerializer();
        List<EsWrite> restored = serializer.deserialize(1, bytes.toByteArray());
        assertThat(restored).extracting(w -> w.index() + "/" + w.id() + "@" + w.version() + " " + new String(w.json()))
                .containsExactly("customers/C1@7 {}");
        List<EsWrite> again = serializer.deserialize(serializer.getVersion(), serializer.serialize(restored));
        assertThat(again).extracting(w -> w.id() + "@" + w.version()).containsExactly("C1@7");
    }
}
