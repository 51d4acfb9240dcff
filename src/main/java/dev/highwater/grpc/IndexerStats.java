package dev.highwater.grpc;

/**
 * A moment's view of the indexer.
 *
 * @param ingested   transactions published to the sink since start
 * @param failed     transactions the sink could not publish
 * @param headHeight the newest sealed block's height, -1 before the first
 * @param ingestRate transactions ingested per second over the last few seconds
 */
public record IndexerStats(long ingested, long failed, long headHeight, double ingestRate) {
}
