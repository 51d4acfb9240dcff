package dev.highwater.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import dev.highwater.proto.blockchain.Transaction;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A topic of transactions written through a schema registry, as producers write one while the schema evolves:
 * Protobuf in three versions (v2 adds a memo, v3 drops the status and reserves its tag), each framed with its own
 * schema id, and a quarter in Avro. The same content as {@link TransactionTopic}, for the decode benchmark's
 * registry case.
 */
public final class FramedTransactions {

    /** Version 1: our own schema (proto/transaction.proto), whose first message is the Transaction. */
    public static final String PROTO_V1 = RegistryFraming.ownProto("transaction.proto");

    public static final String PROTO_V2 = PROTO_V1.replace("  int64 timestamp = 7;\n",
            "  int64 timestamp = 7;\n  string memo = 8;\n");

    public static final String PROTO_V3 = PROTO_V2.replace("  int32 status = 6;\n",
            "  reserved 6;\n  reserved \"status\";\n");

    public static final String AVRO = """
            {"type": "record", "name": "Transaction", "namespace": "bench.avro", "fields": [
              {"name": "hash", "type": "bytes"},
              {"name": "block_height", "type": "long"},
              {"name": "sender", "type": "string"},
              {"name": "recipient", "type": "string"},
              {"name": "amount", "type": "string"},
              {"name": "status", "type": "int"},
              {"name": "timestamp", "type": "long"}
            ]}
            """;

    private static final Schema AVRO_SCHEMA = new Schema.Parser().parse(AVRO);

    /** The schema ids the records are framed with: Protobuf v1, v2, v3 and Avro. */
    public record Ids(int v1, int v2, int v3, int avro) {
    }

    private FramedTransactions() {
    }

    /** Creates the topic ({@link TransactionTopic#PARTITIONS} partitions) and writes {@code records} records. */
    public static void prepare(String bootstrap, String topic, long records, Ids ids) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, TransactionTopic.PARTITIONS, (short) 1))).all().get();
        }
        Map<String, Object> props = Map.of("bootstrap.servers", bootstrap, "batch.size", 262_144, "linger.ms", 20,
                "acks", "1", "compression.type", "none", "buffer.memory", 128L * 1024 * 1024);
        GenericDatumWriter<GenericRecord> avroWriter = new GenericDatumWriter<>(AVRO_SCHEMA);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = null;
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            byte[] hash = new byte[32];
            for (long i = 0; i < records; i++) {
                random.nextBytes(hash);
                String sender = random.nextInt(10) < 4 ? "acct-aggregator-7"
                        : String.format("acct-%04d", random.nextInt(1, 1001));
                String recipient = String.format("acct-%04d", random.nextInt(1, 1001));
                String amount = random.nextInt(1, 500_000) / 100 + "." + String.format("%02d", random.nextInt(100));
                long now = System.currentTimeMillis();
                out.reset();
                if (i % 4 == 3) {
                    RegistryFraming.header(out, ids.avro());
                    GenericRecord r = new GenericData.Record(AVRO_SCHEMA);
                    r.put("hash", ByteBuffer.wrap(hash));
                    r.put("block_height", i / 500);
                    r.put("sender", sender);
                    r.put("recipient", recipient);
                    r.put("amount", amount);
                    r.put("status", 1);
                    r.put("timestamp", now);
                    encoder = EncoderFactory.get().directBinaryEncoder(out, encoder);
                    avroWriter.write(r, encoder);
                    encoder.flush();
                } else {
                    // the schema evolved twice as the topic grew: the first third v1, then v2, then v3
                    int version = i < records / 3 ? 1 : i < 2 * records / 3 ? 2 : 3;
                    RegistryFraming.header(out, version == 1 ? ids.v1() : version == 2 ? ids.v2() : ids.v3());
                    out.write(0); // message indexes: the first message of the schema
                    Transaction t = Transaction.newBuilder().setHash(ByteString.copyFrom(hash)).setBlockHeight(i / 500)
                            .setSender(sender).setRecipient(recipient).setAmount(amount)
                            .setStatus(version == 3 ? 0 : 1).setTimestamp(now).build();
                    t.writeTo(out);
                    if (version >= 2) {
                        CodedOutputStream c = CodedOutputStream.newInstance(out);
                        c.writeString(8, "batch " + i / 500);
                        c.flush();
                    }
                }
                p.send(new ProducerRecord<>(topic, sender.getBytes(StandardCharsets.UTF_8), out.toByteArray()));
            }
            p.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
