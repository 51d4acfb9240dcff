package dev.highwater.ui.messages;

/**
 * What the Messages screen's form asks a tail for, as typed: read into a tail by {@link MessagesModel#start}.
 *
 * @param topic        the topic
 * @param partition    one partition, or null for all
 * @param at           where to start
 * @param atText       the offset or ISO-8601 instant when {@code at} asks for one, ignored otherwise
 * @param valueDecoder auto, json, text, hex or a type's full name
 * @param keyDecoder   as {@code valueDecoder}, for keys
 * @param registryIds  the types of schema-registry schema ids, {@code 7=pkg.Type, 8=pkg.Other}, or blank
 * @param keyText      records whose key contains this text, or blank
 * @param text         records whose text contains this, or blank
 * @param condition    a filter condition such as {@code amount > 200}, or blank
 */
public record TailForm(String topic, Integer partition, MessagesModel.StartAt at, String atText, String valueDecoder,
                       String keyDecoder, String registryIds, String keyText, String text, String condition) {

    /** All partitions of a topic from a start, decoders on auto, no filter. */
    public static TailForm of(String topic, MessagesModel.StartAt at) {
        return new TailForm(topic, null, at, "", "auto", "auto", "", "", "", "");
    }

    public TailForm withPartition(Integer p) {
        return new TailForm(topic, p, at, atText, valueDecoder, keyDecoder, registryIds, keyText, text, condition);
    }

    /** The offset or instant the start asks for. */
    public TailForm withStartText(String aText) {
        return new TailForm(topic, partition, at, aText, valueDecoder, keyDecoder, registryIds, keyText, text,
                condition);
    }

    public TailForm withValueDecoder(String v) {
        return new TailForm(topic, partition, at, atText, v, keyDecoder, registryIds, keyText, text, condition);
    }

    public TailForm withRegistryIds(String ids) {
        return new TailForm(topic, partition, at, atText, valueDecoder, keyDecoder, ids, keyText, text, condition);
    }

    public TailForm withCondition(String c) {
        return new TailForm(topic, partition, at, atText, valueDecoder, keyDecoder, registryIds, keyText, text, c);
    }
}
