package dev.highwater.bench;

/**
 * Counts the records in kcat's output of {@code -f '%p %o %k %S %s\n'}. The value is raw bytes that may hold
 * newlines (a Protobuf value's first byte is often 0x0A), so lines cannot be counted; but {@code %S} is the
 * value's size, which makes each record self-delimiting: partition, offset, key (no spaces in ours), size,
 * that many bytes, a newline.
 */
final class KcatFrames implements OutputSink {

    private enum Field { PARTITION, OFFSET, KEY, SIZE, VALUE, END }

    private Field field = Field.PARTITION;
    private long number;
    private boolean digits;
    private long valueLeft;
    private long records;

    @Override
    public void accept(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            switch (field) {
                case PARTITION, OFFSET, SIZE -> {
                    byte b = bytes[i++];
                    if (b == ' ' && digits) {
                        fieldEnded();
                    } else if (b >= '0' && b <= '9') {
                        number = number * 10 + (b - '0');
                        digits = true;
                    } else {
                        throw malformed("a digit or a space", b);
                    }
                }
                case KEY -> {
                    if (bytes[i++] == ' ') {
                        field = Field.SIZE;
                    }
                }
                case VALUE -> {
                    int n = (int) Math.min(valueLeft, end - i);
                    i += n;
                    valueLeft -= n;
                    if (valueLeft == 0) {
                        field = Field.END;
                    }
                }
                case END -> {
                    byte b = bytes[i++];
                    if (b != '\n') {
                        throw malformed("the newline after a value", b);
                    }
                    records++;
                    field = Field.PARTITION;
                }
            }
        }
    }

    private void fieldEnded() {
        switch (field) {
            case PARTITION -> field = Field.OFFSET;
            case OFFSET -> field = Field.KEY;
            case SIZE -> {
                valueLeft = number;
                field = valueLeft == 0 ? Field.END : Field.VALUE;
            }
            default -> throw new IllegalStateException(field.name());
        }
        number = 0;
        digits = false;
    }

    private IllegalStateException malformed(String expected, byte got) {
        return new IllegalStateException("kcat's output after " + records + " records is not '%p %o %k %S %s\\n':"
                + " expected " + expected + " in the " + field.name().toLowerCase() + ", got byte " + (got & 0xFF));
    }

    @Override
    public long count() {
        return records;
    }

    /** True between records, so the count is final. */
    boolean complete() {
        return field == Field.PARTITION && !digits;
    }
}
