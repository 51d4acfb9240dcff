package dev.highwater.ui.tables;

/**
 * One key that changed between two instants: added, removed or changed, with its value (and where it was written)
 * at each instant; empty where the key had none.
 */
public record ChangeRow(String change, String key, String before, String beforeAt, String after, String afterAt) {
}
