package dev.highwater.core.demo;

import com.google.protobuf.ByteString;
import dev.highwater.proto.blockchain.Transaction;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Makes the demo's payments: one hot sender (an aggregator) takes a chosen share of all transactions, the
 * rest are spread evenly over ordinary accounts. Amounts are exact two-decimal strings. Not thread-safe:
 * one generator per producing thread.
 *
 * <p>It also plays the payment processor, so that the ledger the payments make reads like a real one: it keeps
 * every account's balance (from {@link #OPENING_BALANCE} and {@link #HOT_SENDER_OPENING_BALANCE}, or from
 * {@link #startFrom}) and declines, as {@link #STATUS_FAILED}, a payment its sender cannot cover; only confirmed
 * payments reach the ledger, so no balance there goes below zero. The aggregator collects as well as pays:
 * ordinary accounts pay it about as much as it pays out, so it keeps sending its hot share instead of running dry.
 */
public final class DemoTrafficGenerator {

    /** The aggregator that sends the hot share of the demo's payments. */
    public static final String HOT_SENDER = "acct-aggregator-7";

    public static final int STATUS_PENDING = 0;
    public static final int STATUS_CONFIRMED = 1;
    public static final int STATUS_FAILED = 2;

    /** What each ordinary account holds when the demo opens it. */
    public static final BigDecimal OPENING_BALANCE = new BigDecimal("50000.00");
    /** What the aggregator holds when the demo opens it: enough for minutes of paying before any collecting. */
    public static final BigDecimal HOT_SENDER_OPENING_BALANCE = new BigDecimal("50000000.00");
    /** At most this share of ordinary payments goes to the aggregator, so ordinary accounts still pay each other. */
    private static final double MAX_SHARE_TO_AGGREGATOR = 0.9;

    private final double hotShare;
    private final double toAggregator;
    private final List<String> accounts;
    private final Map<String, BigDecimal> balances = new HashMap<>();
    private final SplittableRandom random;
    private final MessageDigest sha256;
    private long sequence;

    /**
     * @param hotShare the share of transactions sent by {@link #HOT_SENDER}, 0 to 1
     * @param accounts how many ordinary accounts take part (at least 2)
     * @param seed     for a repeatable stream
     */
    public DemoTrafficGenerator(double hotShare, int accounts, long seed) {
        if (!(hotShare >= 0 && hotShare <= 1)) {
            throw new IllegalArgumentException("the hot key share must be between 0 and 1, not " + hotShare);
        }
        if (accounts < 2) {
            throw new IllegalArgumentException("the demo needs at least 2 accounts");
        }
        this.hotShare = hotShare;
        // the aggregator sends hotShare of all payments; receiving as many of the others' pays back what it sends
        this.toAggregator = hotShare >= 1 ? 0 : Math.min(MAX_SHARE_TO_AGGREGATOR, hotShare / (1 - hotShare));
        this.accounts = IntStream.rangeClosed(1, accounts).mapToObj(i -> String.format("acct-%04d", i)).toList();
        this.accounts.forEach(a -> balances.put(a, OPENING_BALANCE));
        balances.put(HOT_SENDER, HOT_SENDER_OPENING_BALANCE);
        this.random = new SplittableRandom(seed);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The ordinary accounts, in a stable order; {@link #HOT_SENDER} is not among them. */
    public List<String> accounts() {
        return accounts;
    }

    /**
     * Starts from the balances a kept ledger holds instead of the opening ones (an account not in the map holds
     * nothing), so that a demo run again on the same data pays only from what is there.
     */
    public void startFrom(Map<String, BigDecimal> ledgerBalances) {
        balances.clear();
        balances.putAll(ledgerBalances);
    }

    /** What the account holds after the payments confirmed so far (zero for an account never seen). */
    public BigDecimal balanceOf(String account) {
        return balances.getOrDefault(account, BigDecimal.ZERO);
    }

    /** The next payment, stamped with the given time. */
    public Transaction next(long timestampMillis) {
        long seq = sequence++;
        boolean fromAggregator = random.nextDouble() < hotShare;
        String sender = fromAggregator ? HOT_SENDER : pick(null);
        String recipient = !fromAggregator && random.nextDouble() < toAggregator ? HOT_SENDER : pick(sender);
        // 0.01 .. 2,500.00, exact cents
        BigDecimal amount = BigDecimal.valueOf(1 + random.nextLong(250_000), 2);
        double s = random.nextDouble();
        int status = s < 0.97 ? STATUS_CONFIRMED : s < 0.99 ? STATUS_FAILED : STATUS_PENDING;
        if (status == STATUS_CONFIRMED) {
            BigDecimal left = balanceOf(sender).subtract(amount);
            if (left.signum() < 0) {
                status = STATUS_FAILED; // declined: the sender cannot cover it
            } else {
                balances.put(sender, left);
                balances.put(recipient, balanceOf(recipient).add(amount));
            }
        }
        return Transaction.newBuilder()
                .setHash(ByteString.copyFrom(hash(seq, sender, recipient, amount, timestampMillis)))
                .setSender(sender)
                .setRecipient(recipient)
                .setAmount(amount.toPlainString())
                .setStatus(status)
                .setTimestamp(timestampMillis)
                .build();
    }

    private String pick(String not) {
        while (true) {
            String a = accounts.get(random.nextInt(accounts.size()));
            if (!a.equals(not)) {
                return a;
            }
        }
    }

    private byte[] hash(long seq, String sender, String recipient, BigDecimal amount, long ts) {
        sha256.reset();
        sha256.update(ByteBuffer.allocate(16).putLong(seq).putLong(ts).array());
        sha256.update(sender.getBytes(StandardCharsets.UTF_8));
        sha256.update(recipient.getBytes(StandardCharsets.UTF_8));
        sha256.update(amount.toPlainString().getBytes(StandardCharsets.UTF_8));
        return sha256.digest();
    }
}
