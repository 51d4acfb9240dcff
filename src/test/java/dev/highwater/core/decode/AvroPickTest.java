package dev.highwater.core.decode;

import com.google.gson.JsonParser;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A filter's fields picked from an Avro value give what picking them from the value's JSON gives. */
class AvroPickTest {

    private static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "Payment", "namespace": "t", "fields": [
              {"name": "sender", "type": "string"},
              {"name": "count", "type": "int"},
              {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "big", "type": "long"},
              {"name": "rate", "type": "double"},
              {"name": "ok", "type": "boolean"},
              {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["CARD", "WIRE"]}},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 20, "scale": 2}},
              {"name": "memo", "type": ["null", "string"], "default": null},
              {"name": "to", "type": ["null", {"type": "record", "name": "Party", "fields": [
                {"name": "account_id", "type": "string"}, {"name": "tags", "type": {"type": "array", "items": "string"}}
              ]}], "default": null}
            ]}
            """);

    @Test
    void everyKindOfFieldIsPickedAsItsJsonWouldGiveIt() {
        GenericRecord party = new GenericData.Record(SCHEMA.getField("to").schema().getTypes().get(1));
        party.put("account_id", "acct-7");
        party.put("tags", List.of("a"));
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("sender", new org.apache.avro.util.Utf8("acme"));
        r.put("count", 3);
        r.put("at", 1_710_492_000_000L);
        r.put("big", Long.MAX_VALUE);
        r.put("rate", 0.25);
        r.put("ok", true);
        r.put("kind", new GenericData.EnumSymbol(SCHEMA.getField("kind").schema(), "WIRE"));
        Schema amount = SCHEMA.getField("amount").schema();
        r.put("amount", new Conversions.DecimalConversion().toBytes(new BigDecimal("100.50"), amount,
                (LogicalTypes.Decimal) amount.getLogicalType()));
        r.put("memo", null);
        r.put("to", party);
        List<String> paths = List.of("sender", "count", "at", "big", "rate", "ok", "kind", "amount", "memo", "to",
                "to.account_id", "to.accountId", "to.tags", "to.account_id.more", "nothing", "sender.more");
        Object[] picked = AvroJson.pick(SCHEMA, r, paths);
        Object[] viaJson = JsonFields.pick(JsonParser.parseString(AvroJson.json(SCHEMA, r)), paths);
        assertEquals(Arrays.asList(viaJson), Arrays.asList(picked));
        assertEquals("100.50", picked[7]);
        assertEquals("acct-7", picked[10]);

        r.put("to", null);
        assertEquals(Arrays.asList((Object) null, null), Arrays.asList(AvroJson.pick(SCHEMA, r,
                List.of("to", "to.account_id"))));
    }
}
