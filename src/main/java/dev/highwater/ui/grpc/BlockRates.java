package dev.highwater.ui.grpc;

import dev.highwater.core.lag.LagFormat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Block and transaction rates from the blocks' own timestamps, not from when they reached this screen: a
 * subscription first receives the blocks the indexer kept in one burst, and arrival times would make that
 * burst a rate. A rate is over the span its blocks cover, within the newest {@link #WINDOW}, and is given only
 * once that span holds at least {@link #MIN_BLOCKS} blocks and lasts {@link #MIN_SPAN} (or holds
 * {@link #MANY_BLOCKS}, for a chain fast enough to make them in less); before that it is "measuring". Pure: the
 * caller hands over the blocks and how long ago the last one arrived.
 */
final class BlockRates {

    static final int MIN_BLOCKS = 5;
    static final Duration MIN_SPAN = Duration.ofSeconds(3);
    static final int MANY_BLOCKS = 20;
    static final Duration WINDOW = Duration.ofSeconds(30);

    /**
     * @param blocks the blocks measured over (0 when none)
     * @param span   the time from the first to the last of them
     * @param known  whether the rates mean something yet
     */
    record Rates(int blocks, Duration span, double blocksPerSecond, double transactionsPerSecond, boolean known) {
    }

    private BlockRates() {
    }

    /** @param oldestFirst the blocks kept, oldest first, as the live buffer keeps them */
    static Rates of(List<BlockRow> oldestFirst) {
        if (oldestFirst.isEmpty()) {
            return new Rates(0, Duration.ZERO, 0, 0, false);
        }
        BlockRow newest = oldestFirst.getLast();
        int first = oldestFirst.size() - 1;
        while (first > 0 && !oldestFirst.get(first - 1).time().isBefore(newest.time().minus(WINDOW))) {
            first--;
        }
        List<BlockRow> window = oldestFirst.subList(first, oldestFirst.size());
        Duration span = Duration.between(window.getFirst().time(), newest.time());
        if (window.size() < MIN_BLOCKS || span.isZero()
                || (span.compareTo(MIN_SPAN) < 0 && window.size() < MANY_BLOCKS)) {
            return new Rates(window.size(), span, 0, 0, false);
        }
        // the first block opens the span: what was sealed after it is what the span produced
        long transactions = window.stream().skip(1).mapToLong(BlockRow::transactionCount).sum();
        double seconds = span.toNanos() / 1e9;
        return new Rates(window.size(), span, (window.size() - 1) / seconds, transactions / seconds, true);
    }

    /**
     * "1.0 blocks/s · 2,013 tx/s (over 29 s)", "measuring rates (3 of 5 blocks)…", with "· no block for 12 s"
     * when the stream has gone quiet for longer than a few blocks' time.
     */
    static String words(Rates r, Duration sinceLastBlock) {
        StringBuilder s = new StringBuilder();
        if (r.known()) {
            s.append(String.format(Locale.ROOT, "%.1f", r.blocksPerSecond())).append(" blocks/s · ")
                    .append(LagFormat.count(Math.round(r.transactionsPerSecond()))).append(" tx/s (over ")
                    .append(LagFormat.seconds(r.span().toMillis() / 1000.0)).append(')');
        } else {
            s.append("measuring rates (").append(r.blocks() < MIN_BLOCKS
                    ? r.blocks() + " of " + MIN_BLOCKS + " blocks"
                    : LagFormat.seconds(r.span().toMillis() / 1000.0) + " of " + MIN_SPAN.toSeconds() + " s")
                    .append(")…");
        }
        if (r.blocks() > 0 && sinceLastBlock.compareTo(quiet(r)) > 0) {
            s.append(" · no block for ").append(LagFormat.seconds((double) sinceLastBlock.toSeconds()));
        }
        return s.toString();
    }

    /** Longer than three blocks' time, and never under five seconds. */
    private static Duration quiet(Rates r) {
        Duration three = r.known() ? Duration.ofMillis(Math.round(3000 / r.blocksPerSecond())) : Duration.ZERO;
        return three.compareTo(Duration.ofSeconds(5)) > 0 ? three : Duration.ofSeconds(5);
    }
}
