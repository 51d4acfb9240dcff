package dev.highwater.core.tail;

/**
 * What to read: a topic, one partition or all (null), where to start, whether to follow past the end, and how
 * many records at most (0: no limit).
 */
public record TailRequest(String topic, Integer partition, TailStart start, boolean follow, long limit) {
}
