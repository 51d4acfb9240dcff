package dev.highwater.core.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonWriterTest {

    @Test
    void writesNestedShapesWithCommasNullsAndEscapes() {
        String json = new JsonWriter().beginObject()
                .name("group").value("a\"b\\c\n")
                .name("committed").value((Long) null)
                .name("lagSeconds").value(2.5)
                .name("rate").value(Double.NaN)
                .name("whole").value(3.0)
                .name("hot").value(true)
                .name("partitions").beginArray()
                .beginObject().name("p").value(0).endObject()
                .beginObject().name("p").value(1).endObject()
                .endArray()
                .name("ctl").value("\u0001")
                .endObject().toString();
        assertEquals("{\"group\":\"a\\\"b\\\\c\\n\",\"committed\":null,\"lagSeconds\":2.5,\"rate\":null,\"whole\":3,"
                + "\"hot\":true,\"partitions\":[{\"p\":0},{\"p\":1}],\"ctl\":\"\\u0001\"}", json);
    }

    @Test
    void doublesKeepAtMostThreeDecimalsAndRawJsonGoesInAsItIs() {
        String json = new JsonWriter().beginArray()
                .value(100.0).value(1.23456).value(-0.0001).value(0.0005).value(Double.NEGATIVE_INFINITY)
                .raw("{\"a\":[1,2]}").value(-3L).value((String) null)
                .endArray().toString();
        assertEquals("[100,1.235,0,0.001,null,{\"a\":[1,2]},-3,null]", json);
    }

    @Test
    void aStringAloneIsAQuotedValue() {
        assertEquals("\"tab\\there\"", new JsonWriter().value("tab\there").toString());
    }
}
