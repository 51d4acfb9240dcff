package dev.highwater.kafka;

import dev.highwater.core.text.ErrorText;
import dev.highwater.core.BackendStartException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

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
    /** Registry-framed Protobuf payments whose schema evolves while the demo runs (with a schema registry only). */
    public static final String REGISTRY_PAYMENTS = "payments.registry";
    /** Registry-framed Avro accounts, two schema versions (with a schema registry only). */
    public static final String REGISTRY_ACCOUNTS = "accounts.avro";
    public static final int REGISTRY_PARTITIONS = 3;

    private DemoTopics() {
    }

    /** Creates both topics if they do not exist yet; returns true when the ledger topic was created now. */
    public static boolean ensure(Admin admin) {
        boolean ledgerCreated = false;
        for (NewTopic topic : List.of(
                new NewTopic(TRANSACTIONS, PARTITIONS, (short) 1),
                // a ledger never expires: it is the history audits replay
                new NewTopic(PAYMENT_LEDGER, PARTITIONS, (short) 1).configs(Map.of("retention.ms", "-1")))) {
            ledgerCreated |= create(admin, topic) && topic.name().equals(PAYMENT_LEDGER);
        }
        return ledgerCreated;
    }

    /**
     * Creates the registry-framed topics afresh: the demo's registry keeps its schemas in memory, so records
     * of an earlier run (a kept data folder) name ids that this run's registry does not know or gives to other
     * schemas; they are deleted with their topics.
     */
    public static void recreateRegistryTopics(Admin admin) {
        List<String> names = List.of(REGISTRY_PAYMENTS, REGISTRY_ACCOUNTS);
        admin.deleteTopics(names).topicNameValues().values().forEach(f -> {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) { // none to delete is fine
                    throw new BackendStartException("cannot delete an earlier run's registry topic: "
                            + ErrorText.rootMessage(e), e);
                }
            } catch (TimeoutException e) {
                throw new BackendStartException("the broker did not delete an earlier run's registry topic"
                        + " within 30 s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendStartException("interrupted while deleting topics", e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (String name : names) {
            // a deleted topic's name is free again only once the broker has finished deleting it
            while (!create(admin, new NewTopic(name, REGISTRY_PARTITIONS, (short) 1))) {
                if (System.nanoTime() > deadline) {
                    throw new BackendStartException("the broker did not make topic " + name + " afresh within 30 s");
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BackendStartException("interrupted while creating topics", e);
                }
            }
        }
    }

    /** Creates a topic; false when it exists already. */
    private static boolean create(Admin admin, NewTopic topic) {
        try {
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new BackendStartException("cannot create topic " + topic.name() + ": "
                        + ErrorText.rootMessage(e), e);
            }
            return false;
        } catch (TimeoutException e) {
            throw new BackendStartException("the broker did not create topic " + topic.name() + " within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendStartException("interrupted while creating topics", e);
        }
    }
}
