package io.arrears.pipeline;

import java.util.List;

import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;

import io.arrears.ledger.AlertTransition;
import io.arrears.model.CollectionPolicy;
import io.arrears.model.CustomerEvent;

/**
 * Runs {@link LedgerFunction} as Flink's keyed broadcast operator does, and writes the customers' state that
 * the function keeps on the heap to the state backend before each checkpoint barrier, so that a checkpoint or
 * savepoint holds all of it. (Once the input ended, the state of a finished operator is no longer
 * checkpointed: nothing is written then.) Only an operator can make another customer the current key, which the
 * write-back needs.
 */
final class LedgerOperator extends CoBroadcastWithKeyedOperator<String, CustomerEvent, CollectionPolicy, AlertTransition> {

    private static final long serialVersionUID = 1L;

    LedgerOperator(LedgerFunction ledger) {
        super(ledger, List.of(PolicyBroadcast.VERSIONS));
    }

    @Override
    public void open() throws Exception {
        ledger().useKeySwitch(this::withKey);
        super.open();
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        ledger().writeBack();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    private LedgerFunction ledger() {
        return (LedgerFunction) userFunction;
    }

    private void withKey(String customerId, Runnable action) {
        Object current = getCurrentKey();
        setCurrentKey(customerId);
        try {
            action.run();
        } finally {
            if (current != null) {
                setCurrentKey(current);
            }
        }
    }
}
