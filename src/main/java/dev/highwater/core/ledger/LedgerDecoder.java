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
    private final LedgerSchemas schemas;
    /** The layout last used for a framed record's first message, by its schema id (most records share one). */
    private int lastId = -1;
    private LedgerSchemas.Layout lastLayout;
    private FramedAvro avro;

    /** A decoder for records of our own schema (and JSON); framed records need {@link #LedgerDecoder(LedgerSchemas)}. */
    public LedgerDecoder() {
        this(LedgerSchemas.NONE);
    }

    /** A decoder that also reads records framed for a schema registry, each with its own schema. */
    public LedgerDecoder(LedgerSchemas schemas) {
        this.schemas = schemas;
    }

    public Outcome decode(byte[] value) {
        if (value == null) {
            return fail("the record has no value (a tombstone)");
        }
        if (value.length > 0 && value[0] == 0) {
            return decodeFramed(value); // our Protobuf never starts with 0 (there is no field 0), JSON neither
        }
        int i = 0;
        while (i < value.length && (value[i] == ' ' || value[i] == '\n' || value[i] == '\r' || value[i] == '\t')) {
            i++;
        }
        if (i < value.length && value[i] == '{') {
            return decodeJson(value, i);
        }
        return decodeProtobuf(value, 0, DEFAULT_ROLES, 1, 2, false);
    }

    /** Our own schema's tags: tag n carries field n. */
    private static final int[] DEFAULT_ROLES = {0, 1, 2, 3, 4, 5, 6};

    // ---------------------------------------------------------------- registry-framed

    private Outcome decodeFramed(byte[] b) {
        if (b.length < 5) {
            return fail("a schema-registry frame cut short (" + b.length + " bytes, no schema id)");
        }
        int id = (b[1] & 0xff) << 24 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 8 | (b[4] & 0xff);
        if (!schemas.present()) {
            // a ledger event like the others, only unreadable here: a balance without it would be wrong
            throw new LedgerReplayException("the topic holds records framed for a schema registry (schema id " + id
                    + ") and no registry is given, so they cannot be counted: give the schema registry"
                    + " (--schema-registry, or the connection profile's)");
        }
        LedgerSchemas.Layout layout;
        int pos = 5;
        Object schema = id == lastId ? lastLayout : schemas.schemaOf(id);
        if (schema instanceof LedgerSchemas.Proto || !(schema instanceof LedgerSchemas.Layout)) {
            // Protobuf: the message indexes come first; a single 0 byte is the first message, the usual case
            if (pos < b.length && b[pos] == 0 && schema instanceof LedgerSchemas.Proto p && p.path().length == 1
                    && p.path()[0] == 0) {
                layout = p;
                pos++;
            } else {
                int[] path = messagePath(b, pos);
                if (path == null) {
                    return fail("a schema-registry frame with malformed message indexes (schema id " + id + ")");
                }
                pos = pathEnd;
                layout = schemas.layout(id, path);
            }
        } else {
            layout = (LedgerSchemas.Layout) schema;
        }
        if (layout instanceof LedgerSchemas.Proto p && p.path().length == 1 && p.path()[0] == 0) {
            lastId = id;
            lastLayout = p;
        } else if (!(layout instanceof LedgerSchemas.Proto) && !(layout instanceof LedgerSchemas.Unusable)) {
            lastId = id;
            lastLayout = layout;
        }
        return switch (layout) {
            case LedgerSchemas.Proto p -> decodeProtobuf(b, pos, p.roles(), p.credit(), p.debit(), p.typeIsText());
            case LedgerSchemas.Avro a -> (avro == null ? avro = new FramedAvro() : avro).decode(this, a, id, b, pos);
            case LedgerSchemas.Json j -> decode(java.util.Arrays.copyOfRange(b, pos, b.length));
            case LedgerSchemas.Unusable u -> fail(u.reason());
        };
    }

    private int pathEnd;

    /** The message indexes of a Protobuf frame (zig-zag varints: a count, then that many), or null. */
    private int[] messagePath(byte[] b, int pos) {
        long[] v = new long[1];
        pos = zigZag(b, pos, v);
        if (pos < 0 || v[0] < 0 || v[0] > 100) {
            return null;
        }
        int count = (int) v[0];
        if (count == 0) {
            pathEnd = pos;
            return new int[] {0};
        }
        int[] path = new int[count];
        for (int i = 0; i < count; i++) {
            pos = zigZag(b, pos, v);
            if (pos < 0 || v[0] < 0 || v[0] > Integer.MAX_VALUE) {
                return null;
            }
            path[i] = (int) v[0];
        }
        pathEnd = pos;
        return path;
    }

    private static int zigZag(byte[] b, int pos, long[] out) {
        long result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos >= b.length) {
                return -1;
            }
            int x = b[pos++];
            result |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                out[0] = (result >>> 1) ^ -(result & 1);
                return pos;
            }
        }
        return -1;
    }

    /** Sets the decoded event's fields from another form of it (an Avro record), then checks it as any other. */
    Outcome set(byte[] id, byte[] account, byte[] reference, Boolean isCredit, long ts, byte[] amountText) {
        idBytes = id;
        idOff = 0;
        idLen = id == null ? 0 : id.length;
        accountBytes = account;
        accountOff = 0;
        accountLen = account == null ? 0 : account.length;
        referenceBytes = reference;
        referenceOff = 0;
        referenceLen = reference == null ? 0 : reference.length;
        timestamp = ts;
        if (isCredit == null) {
            return Outcome.UNKNOWN_TYPE;
        }
        credit = isCredit;
        return checkAndParseAmount(amountText, 0, amountText == null ? 0 : amountText.length);
    }

    Outcome failWith(String why) {
        return fail(why);
    }

    Outcome unknownType(String why) {
        reason = why;
        return Outcome.UNKNOWN_TYPE;
    }

    private Outcome fail(String why) {
        reason = why;
        return Outcome.UNDECODABLE;
    }

    // ---------------------------------------------------------------- Protobuf

    /**
     * @param roles    the ledger field each tag carries ({@link LedgerSchemas#ID}…; 0: none of ours)
     * @param creditNumber the event type's number for a credit
     * @param debitNumber  the event type's number for a debit
     * @param typeText the event type is a string (its name) rather than an enum
     */
    private Outcome decodeProtobuf(byte[] b, int start, int[] roles, long creditNumber, long debitNumber,
                                   boolean typeText) {
        idLen = accountLen = referenceLen = 0;
        idBytes = accountBytes = referenceBytes = b;
        int amountOff = 0;
        int amountLen = -1;
        long type = 0;
        int typeOff = 0;
        int typeLen = -1;
        timestamp = 0;
        int fieldsSeen = 0;
        int pos = start;
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
                int tagNumber = (int) (tag >>> 3);
                int wire = (int) (tag & 7);
                if (tagNumber == 0) {
                    return fail("not a ledger event: Protobuf field number 0");
                }
                int field = tagNumber > 0 && tagNumber < roles.length ? roles[tagNumber] : 0;
                if (field != 0) {
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
                    if (field == 3 && !typeText) {
                        type = v;
                    } else if (field == 6) {
                        timestamp = v;
                    } else if (field != 0) {
                        return fail("not a ledger event: field " + tagNumber + " should be a string");
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
                        case 3 -> {
                            if (!typeText) {
                                return fail("not a ledger event: field " + tagNumber + " should be a number");
                            }
                            typeOff = pos;
                            typeLen = len;
                        }
                        case 6 -> {
                            return fail("not a ledger event: field " + tagNumber + " should be a number");
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
        if (typeText) {
            String name = typeLen <= 0 ? "" : new String(b, typeOff, typeLen, StandardCharsets.UTF_8);
            type = name.equals("ACCOUNT_CREDITED") ? creditNumber : name.equals("ACCOUNT_DEBITED") ? debitNumber : -1;
            if (type == -1) {
                if (idLen == 0 && accountLen == 0) {
                    return fail("not a ledger event: no event id, account or type");
                }
                reason = name.isEmpty() ? "event type unspecified" : "unknown event type " + abbreviate(name);
                return Outcome.UNKNOWN_TYPE;
            }
        }
        if (type != creditNumber && type != debitNumber) {
            if (idLen == 0 && accountLen == 0) {
                return fail("not a ledger event: no event id, account or type");
            }
            reason = type == 0 ? "event type unspecified" : "unknown event type " + type;
            return Outcome.UNKNOWN_TYPE;
        }
        credit = type == creditNumber;
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
