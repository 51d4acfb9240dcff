package dev.highwater.kafka;

import dev.highwater.core.text.ErrorText;
import dev.highwater.core.BackendStartException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The topics the demo's indexer writes to, created when missing. */
public final class DemoTopics {

    public static final String TRANSACTIONS = "transactions";
    public static final String PAYMENT_LEDGER = "payment-ledger";
    public static final int PARTITIONS = 12;

    private DemoTopics() {
    }

    /** Creates both topics if they do not exist yet; returns true when the ledger topic was created now. */
    public static boolean ensure(Admin admin) {
        boolean ledgerCreated = false;
        for (NewTopic topic : List.of(
                new NewTopic(TRANSACTIONS, PARTITIONS, (short) 1),
                // a ledger never expires: it is the history audits replay
                new NewTopic(PAYMENT_LEDGER, PARTITIONS, (short) 1).configs(Map.of("retention.ms", "-1")))) {
            try {
                admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                ledgerCreated |= topic.name().equals(PAYMENT_LEDGER);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new BackendStartException("cannot create topic " + topic.name() + ": "
                            + ErrorText.rootMessage(e), e);
                }
            } catch (TimeoutException e) {
                throw new BackendStartException("the broker did not create topic " + topic.name() + " within 30 s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendStartException("interrupted while creating topics", e);
            }
        }
        return ledgerCreated;
    }
}
