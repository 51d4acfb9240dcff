package dev.highwater.core.ledger;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes one ledger record's value, Protobuf {@code ledger.LedgerEvent} or the JSON shape, into reusable
 * fields without allocating per record on the Protobuf path (strings stay byte ranges of the value). A value
 * whose first non-blank byte is '{' is JSON: that byte can never start our Protobuf message (it would be field
 * 15, a group). One decoder per thread.
 */
public final class LedgerDecoder {

    public enum Outcome { EVENT, UNDECODABLE, UNKNOWN_TYPE }

    private static final String[] FIELD_NAMES = {"", "event_id", "account_id", "event_type", "amount", "reference",
            "timestamp"};

    // ---- the decoded event (valid after EVENT) ----
    byte[] idBytes;
    int idOff;
    int idLen;
    byte[] accountBytes;
    int accountOff;
    int accountLen;
    byte[] referenceBytes;
    int referenceOff;
    int referenceLen;
    boolean credit;
    long timestamp;
    final Amount amount = new Amount();
    /** Why the record was not an event (after UNDECODABLE or UNKNOWN_TYPE). */
    String reason;

    private final JsonFields json = new JsonFields();

    public Outcome decode(byte[] value) {
        if (value == null) {
            return fail("the record has no value (a tombstone)");
        }
        int i = 0;
        while (i < value.length && (value[i] == ' ' || value[i] == '\n' || value[i] == '\r' || value[i] == '\t')) {
            i++;
        }
        if (i < value.length && value[i] == '{') {
            return decodeJson(value, i);
        }
        return decodeProtobuf(value);
    }

    private Outcome fail(String why) {
        reason = why;
        return Outcome.UNDECODABLE;
    }

    // ---------------------------------------------------------------- Protobuf

    private Outcome decodeProtobuf(byte[] b) {
        idLen = accountLen = referenceLen = 0;
        idBytes = accountBytes = referenceBytes = b;
        int amountOff = 0;
        int amountLen = -1;
        long type = 0;
        timestamp = 0;
        int fieldsSeen = 0;
        int pos = 0;
        int end = b.length;
        try {
            while (pos < end) {
                long tag = 0;
                int shift = 0;
                while (true) {
                    byte x = b[pos++];
                    tag |= (long) (x & 0x7F) << shift;
                    if (x >= 0) {
                        break;
                    }
                    shift += 7;
                    if (shift > 63) {
                        return fail("not a ledger event: malformed Protobuf varint");
                    }
                }
                int field = (int) (tag >>> 3);
                int wire = (int) (tag & 7);
                if (field == 0) {
                    return fail("not a ledger event: Protobuf field number 0");
                }
                if (field <= 6) {
                    // Protobuf lets a later copy of a field win; an audit refuses to pick one silently
                    if ((fieldsSeen & (1 << field)) != 0) {
                        return fail("field " + FIELD_NAMES[field] + " appears twice in the record");
                    }
                    fieldsSeen |= 1 << field;
                }
                if (wire == 0) {
                    long v = 0;
                    shift = 0;
                    while (true) {
                        byte x = b[pos++];
                        v |= (long) (x & 0x7F) << shift;
                        if (x >= 0) {
                            break;
                        }
                        shift += 7;
                        if (shift > 63) {
                            return fail("not a ledger event: malformed Protobuf varint");
                        }
                    }
                    if (field == 3) {
                        type = v;
                    } else if (field == 6) {
                        timestamp = v;
                    } else if (field <= 5) {
                        return fail("not a ledger event: field " + field + " should be a string");
                    }
                } else if (wire == 2) {
                    int len = 0;
                    shift = 0;
                    while (true) {
                        byte x = b[pos++];
                        len |= (x & 0x7F) << shift;
                        if (x >= 0) {
                            break;
                        }
                        shift += 7;
                        if (shift > 28) {
                            return fail("not a ledger event: malformed Protobuf length");
                        }
                    }
                    if (len < 0 || pos + len > end) {
                        return fail("not a ledger event: a Protobuf field runs past the end of the record");
                    }
                    switch (field) {
                        case 1 -> { idOff = pos; idLen = len; }
                        case 2 -> { accountOff = pos; accountLen = len; }
                        case 4 -> { amountOff = pos; amountLen = len; }
                        case 5 -> { referenceOff = pos; referenceLen = len; }
                        case 3, 6 -> {
                            return fail("not a ledger event: field " + field + " should be a number");
                        }
                        default -> { }
                    }
                    pos += len;
                } else if (wire == 1) {
                    pos += 8;
                } else if (wire == 5) {
                    pos += 4;
                } else {
                    return fail("not a ledger event: Protobuf wire type " + wire + " (groups are not used)");
                }
                if (pos > end) {
                    return fail("not a ledger event: the Protobuf record is cut short");
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return fail("not a ledger event: the Protobuf record is cut short");
        }
        if (b.length == 0) {
            return fail("an empty record");
        }
        if (type != 1 && type != 2) {
            if (idLen == 0 && accountLen == 0) {
                return fail("not a ledger event: no event id, account or type");
            }
            reason = type == 0 ? "event type unspecified" : "unknown event type " + type;
            return Outcome.UNKNOWN_TYPE;
        }
        credit = type == 1;
        return checkAndParseAmount(b, amountOff, amountLen);
    }

    private Outcome checkAndParseAmount(byte[] b, int off, int len) {
        if (idLen == 0) {
            return fail("no event id");
        }
        if (accountLen == 0) {
            return fail("no account id");
        }
        if (len <= 0) {
            return fail("no amount");
        }
        String wrong = amount.parse(b, off, len);
        if (wrong != null) {
            return fail("amount '" + Amount.text(b, off, len) + "' " + wrong);
        }
        return Outcome.EVENT;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    // ---------------------------------------------------------------- JSON

    private Outcome decodeJson(byte[] b, int start) {
        JsonFields f = json;
        String problem = f.read(b, start);
        if (problem != null) {
            return fail("not a ledger event: " + problem);
        }
        idBytes = f.id.bytes;
        idOff = 0;
        idLen = f.id.present ? f.id.len : 0;
        accountBytes = f.account.bytes;
        accountOff = 0;
        accountLen = f.account.present ? f.account.len : 0;
        referenceBytes = f.reference.bytes;
        referenceOff = 0;
        referenceLen = f.reference.present ? f.reference.len : 0;
        if (!f.timestamp.present) {
            return fail("no timestamp");
        }
        if (!epochMillis(f.timestamp.bytes, f.timestamp.len)) {
            return fail("timestamp '" + abbreviate(f.timestamp.text()) + "' is not epoch milliseconds");
        }
        if (!f.type.present) {
            return fail("no eventType");
        }
        if (f.type.is("ACCOUNT_CREDITED")) {
            credit = true;
        } else if (f.type.is("ACCOUNT_DEBITED")) {
            credit = false;
        } else {
            reason = "unknown event type " + abbreviate(f.type.text());
            return Outcome.UNKNOWN_TYPE;
        }
        return checkAndParseAmount(f.amount.bytes, 0, f.amount.present ? f.amount.len : 0);
    }

    /** Reads an integer of ASCII digits, with an optional minus, that fits a long, into {@link #timestamp}. */
    private boolean epochMillis(byte[] b, int len) {
        int i = len > 0 && b[0] == '-' ? 1 : 0;
        if (i == len || len - i > 19) {
            return false;
        }
        long v = 0;
        for (; i < len; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
            try {
                v = Math.addExact(Math.multiplyExact(v, 10), b[0] == '-' ? -(b[i] - '0') : b[i] - '0');
            } catch (ArithmeticException overflow) {
                return false;
            }
        }
        timestamp = v;
        return true;
    }

    // ---------------------------------------------------------------- results

    public String eventId() {
        return new String(idBytes, idOff, idLen, StandardCharsets.UTF_8);
    }

    public String accountId() {
        return AccountId.text(accountBytes, accountOff, accountLen);
    }

    public String reference() {
        return new String(referenceBytes, referenceOff, referenceLen, StandardCharsets.UTF_8);
    }

    public String reason() {
        return reason;
    }

    /** The decoded event as a record (allocates; for the slow paths and tests). */
    public LedgerEvent event() {
        return new LedgerEvent(eventId(), accountId(),
                credit ? LedgerEvent.Type.ACCOUNT_CREDITED : LedgerEvent.Type.ACCOUNT_DEBITED,
                amount.toBigDecimal(), reference(), timestamp);
    }

    /** The amount in minor units at {@code amount.scale}, negative for a debit (see {@link #signedBig}). */
    long signedUnits() {
        return credit ? amount.units : -amount.units;
    }

    /** The exact amount, negative for a debit, when it does not fit {@link #signedUnits}; else null. */
    BigDecimal signedBig() {
        return credit || amount.big == null ? amount.big : amount.big.negate();
    }

    /** True when the account of the decoded event is exactly these bytes. */
    boolean accountIs(byte[] key) {
        return key != null && Arrays.equals(accountBytes, accountOff, accountOff + accountLen, key, 0, key.length);
    }
}
