package dev.highwater.core.lag;

/**
 * A consumer group as a listing shows it, without its offsets.
 *
 * @param state   the coordinator's word (Stable, Empty, PreparingRebalance…), "Unknown" when it gave none
 * @param members how many members the group has
 */
public record ListedGroup(String groupId, String state, int members) {
}
