package dev.highwater.kafka;

import dev.highwater.core.ledger.LedgerEvent;
import dev.highwater.core.ledger.LedgerEventCodec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/** Ledger events as records of a ledger topic: key = account id, value in one of the two shapes producers use. */
final class LedgerRecords {

    static final String CONTENT_TYPE = "content-type";
    static final byte[] PROTOBUF_LEDGER = "application/x-protobuf; messageType=ledger.LedgerEvent"
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] PROTOBUF_TRANSACTION = "application/x-protobuf; messageType=blockchain.Transaction"
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] JSON = "application/json".getBytes(StandardCharsets.UTF_8);

    private LedgerRecords() {
    }

    static ProducerRecord<byte[], byte[]> of(String topic, LedgerEvent event, boolean asJson) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CONTENT_TYPE, asJson ? JSON : PROTOBUF_LEDGER);
        byte[] value = asJson ? LedgerEventCodec.toJson(event) : LedgerEventCodec.toProtobuf(event);
        return new ProducerRecord<>(topic, null, event.timestamp(), event.accountId().getBytes(StandardCharsets.UTF_8),
                value, headers);
    }
}
