package dev.highwater.ui.tables;

/** One key of a topic's state as the Tables screen shows it: the value decoded as Messages decodes it. */
public record KeyRow(String key, int partition, long offset, String timestamp, String value) {
}
