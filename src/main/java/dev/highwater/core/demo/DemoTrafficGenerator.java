package dev.highwater.core.demo;

import com.google.protobuf.ByteString;
import dev.highwater.proto.blockchain.Transaction;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Makes the demo's payments: one hot sender (an aggregator) takes a chosen share of all transactions, the
 * rest are spread evenly over ordinary accounts. Amounts are exact two-decimal strings. Not thread-safe:
 * one generator per producing thread.
 */
public final class DemoTrafficGenerator {

    /** The aggregator that sends the hot share of the demo's payments. */
    public static final String HOT_SENDER = "acct-aggregator-7";

    public static final int STATUS_PENDING = 0;
    public static final int STATUS_CONFIRMED = 1;
    public static final int STATUS_FAILED = 2;

    private final double hotShare;
    private final List<String> accounts;
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
        this.accounts = IntStream.rangeClosed(1, accounts).mapToObj(i -> String.format("acct-%04d", i)).toList();
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

    /** The next payment, stamped with the given time. */
    public Transaction next(long timestampMillis) {
        long seq = sequence++;
        String sender = random.nextDouble() < hotShare ? HOT_SENDER : pick(null);
        String recipient = pick(sender);
        // 0.01 .. 2,500.00, exact cents
        BigDecimal amount = BigDecimal.valueOf(1 + random.nextLong(250_000), 2);
        double s = random.nextDouble();
        int status = s < 0.97 ? STATUS_CONFIRMED : s < 0.99 ? STATUS_FAILED : STATUS_PENDING;
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
