package dev.highwater.core.decode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A condition on a record's decoded fields, such as {@code sender == "acme" && amount > 100}: comparisons
 * ({@code == != > >= < <=}, {@code ~} for "contains", case-insensitive), {@code && || !} (or {@code and or not})
 * and parentheses. Numbers compare as exact decimals, so a decimal string field such as {@code amount} compares
 * as a number. A field on its own means "present and not false". Names are field paths ({@code meta.id}); the
 * record's own {@code partition}, {@code offset}, {@code key}, {@code timestamp} and {@code type} are there too
 * ({@code value.x} reaches a decoded field that has one of those names). {@code header["trace-id"]} is the value
 * of a Kafka header as UTF-8 text (the last of that name, case-insensitive; null when the record has none). The
 * {@code timestamp} compares as a point in time with an ISO-8601 instant such as {@code "2026-03-15T09:00:00Z"}
 * (or one with an offset) and with a number of epoch milliseconds. Parentheses and nots nest at most
 * {@value #MAX_DEPTH} deep; a chain of {@code &&} or {@code ||} may be as long as it likes.
 */
public final class FilterExpression {

    /**
     * How deep parentheses and nots may nest: far beyond any condition a person writes, and far below what the
     * parser's recursion and a thread's stack can take, so pasted or generated input is refused, never a crash.
     */
    static final int MAX_DEPTH = 100;

    /** The record-level names; anything else is a decoded field. */
    public static final List<String> RECORD_NAMES = List.of("partition", "offset", "key", "timestamp", "type");

    /** Where a condition reads values: a slot per field path, as listed by {@link #fields()}. */
    public interface Values {
        Object field(int slot);

        Object record(String name);

        /** A header's value as text, or null when the record has no header of that name. */
        default Object header(String name) {
            return null;
        }
    }

    /**
     * A string in a condition that reads as an instant: parsed once, when the condition is, rather than for every
     * record it is compared with. As text it is what was typed, so it compares with other text as before.
     */
    private record TimeText(String text, Instant instant) {
        @Override
        public String toString() {
            return text;
        }
    }

    private interface Node {
        boolean test(Values v);
    }

    private interface Operand {
        Object get(Values v);
    }

    private final String text;
    private final Node root;
    private final List<String> fields;

    private FilterExpression(String text, Node root, List<String> fields) {
        this.text = text;
        this.root = root;
        this.fields = List.copyOf(fields);
    }

    /** Parses a condition; an IllegalArgumentException says where and what is wrong. */
    public static FilterExpression parse(String text) {
        Parser p = new Parser(text);
        Node root = p.or();
        if (p.peek() != null) {
            throw p.error("expected && or || or the end, found '" + p.peek().text + "'");
        }
        return new FilterExpression(text, root, p.fields);
    }

    /** The decoded field paths this condition reads, in slot order. */
    public List<String> fields() {
        return fields;
    }

    public boolean test(Values values) {
        return root.test(values);
    }

    @Override
    public String toString() {
        return text;
    }

    // ---- evaluation ----

    private static boolean truthy(Object o) {
        return o != null && !Boolean.FALSE.equals(o) && !"".equals(o);
    }

    private static boolean compare(String op, Object a, Object b) {
        if (a == null || b == null) {
            return op.equals("!=") ? a != b : op.equals("==") && a == b;
        }
        if (op.equals("~")) {
            return text(a).toLowerCase(Locale.ROOT).contains(text(b).toLowerCase(Locale.ROOT));
        }
        if (a instanceof Instant || b instanceof Instant) {
            Instant p = instant(a);
            Instant q = instant(b);
            if (p != null && q != null) {
                return holds(op, p.compareTo(q));
            }
        }
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        int c;
        if (x != null && y != null) {
            c = x.compareTo(y);
        } else if (a instanceof Boolean || b instanceof Boolean) {
            c = text(a).equalsIgnoreCase(text(b)) ? 0 : 1;
            if (!op.equals("==") && !op.equals("!=")) {
                return false;
            }
        } else {
            c = text(a).compareTo(text(b));
        }
        return holds(op, c);
    }

    private static boolean holds(String op, int c) {
        return switch (op) {
            case "==" -> c == 0;
            case "!=" -> c != 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            default -> throw new IllegalStateException(op);
        };
    }

    /** A point in time: an instant, an ISO-8601 text, or a number of epoch milliseconds; null otherwise. */
    private static Instant instant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof TimeText t) {
            return t.instant();
        }
        if (o instanceof String s) {
            return parseInstant(s);
        }
        BigDecimal n = number(o);
        if (n != null) {
            try {
                return Instant.ofEpochMilli(n.longValueExact());
            } catch (ArithmeticException | java.time.DateTimeException e) {
                return null;
            }
        }
        return null;
    }

    /** An ISO-8601 instant, with Z or an offset; null when the text is not one. */
    private static Instant parseInstant(String s) {
        if (s.length() < 11 || s.length() > 40 || !Character.isDigit(s.charAt(0)) || s.indexOf('T') < 0) {
            return null; // not worth a parse that would throw
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static String text(Object o) {
        return o instanceof BigDecimal d ? d.toPlainString() : o.toString();
    }

    private static BigDecimal number(Object o) {
        if (o instanceof BigDecimal d) {
            return d;
        }
        if (o instanceof Long || o instanceof Integer) {
            return BigDecimal.valueOf(((Number) o).longValue());
        }
        if (o instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : BigDecimal.valueOf(d);
        }
        if (o instanceof String s && !s.isEmpty() && s.length() < 64) {
            char c = s.charAt(0);
            if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) {
                try {
                    return new BigDecimal(s);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    // ---- parsing ----

    private record Token(String kind, String text, int at) {
    }

    private static final class Parser {
        private final String src;
        private final List<Token> tokens;
        private final List<String> fields = new ArrayList<>();
        private int i;
        private int depth;

        Parser(String src) {
            this.src = src;
            this.tokens = lex(src);
        }

        Token peek() {
            return i < tokens.size() ? tokens.get(i) : null;
        }

        boolean accept(String... texts) {
            Token t = peek();
            if (t != null && !t.kind.equals("string")) {
                for (String s : texts) {
                    if (t.text.equalsIgnoreCase(s)) {
                        i++;
                        return true;
                    }
                }
            }
            return false;
        }

        IllegalArgumentException error(String what) {
            Token t = peek();
            int at = t == null ? src.length() : t.at;
            return new IllegalArgumentException("filter, at character " + (at + 1) + ": " + what);
        }

        // && and || chains become one node over a list, so a long chain is wide, not deep, when it is tested
        Node or() {
            List<Node> terms = new ArrayList<>(List.of(and()));
            while (accept("||", "or")) {
                terms.add(and());
            }
            if (terms.size() == 1) {
                return terms.getFirst();
            }
            Node[] any = terms.toArray(Node[]::new);
            return v -> {
                for (Node n : any) {
                    if (n.test(v)) {
                        return true;
                    }
                }
                return false;
            };
        }

        Node and() {
            List<Node> terms = new ArrayList<>(List.of(unary()));
            while (accept("&&", "and")) {
                terms.add(unary());
            }
            if (terms.size() == 1) {
                return terms.getFirst();
            }
            Node[] all = terms.toArray(Node[]::new);
            return v -> {
                for (Node n : all) {
                    if (!n.test(v)) {
                        return false;
                    }
                }
                return true;
            };
        }

        Node unary() {
            if (accept("!", "not")) {
                deeper();
                Node n = unary();
                depth--;
                return v -> !n.test(v);
            }
            if (accept("(")) {
                deeper();
                Node n = or();
                if (!accept(")")) {
                    throw error("expected ')'");
                }
                depth--;
                return n;
            }
            Operand left = operand();
            Token op = peek();
            if (op != null && op.kind.equals("op")) {
                i++;
                Operand right = operand();
                String o = op.text;
                return v -> compare(o, left.get(v), right.get(v));
            }
            return v -> truthy(left.get(v));
        }

        /** One more level of parentheses or not; refused beyond {@link #MAX_DEPTH}, where the token is. */
        private void deeper() {
            if (++depth > MAX_DEPTH) {
                i--;
                throw error("parentheses and nots nested more than " + MAX_DEPTH + " deep");
            }
        }

        Operand operand() {
            Token t = peek();
            if (t == null) {
                throw error("expected a field, a number or a \"string\", found the end");
            }
            i++;
            switch (t.kind) {
                case "string" -> {
                    String s = t.text;
                    Instant at = parseInstant(s);
                    Object literal = at == null ? s : new TimeText(s, at);
                    return v -> literal;
                }
                case "number" -> {
                    BigDecimal n = new BigDecimal(t.text);
                    return v -> n;
                }
                case "name" -> {
                    String name = t.text;
                    if (name.equalsIgnoreCase("true") || name.equalsIgnoreCase("false")) {
                        Boolean b = Boolean.valueOf(name.toLowerCase(Locale.ROOT));
                        return v -> b;
                    }
                    if (name.equals("null")) {
                        return v -> null;
                    }
                    if (name.equals("header") && accept("[")) {
                        return header();
                    }
                    if (RECORD_NAMES.contains(name)) {
                        return v -> v.record(name);
                    }
                    String path = name.startsWith("value.") ? name.substring(6) : name;
                    int slot = fields.indexOf(path);
                    if (slot < 0) {
                        slot = fields.size();
                        fields.add(path);
                    }
                    int s = slot;
                    return v -> v.field(s);
                }
                default -> {
                    i--;
                    throw error("expected a field, a number or a \"string\", found '" + t.text + "'");
                }
            }
        }

        /** After {@code header[}: the header's name as a string, then {@code ]}. */
        private Operand header() {
            Token n = peek();
            if (n == null || !n.kind.equals("string")) {
                throw error("expected a header's name in quotes, as in header[\"trace-id\"]");
            }
            i++;
            if (!accept("]")) {
                throw error("expected ']' after the header's name");
            }
            String headerName = n.text;
            return v -> v.header(headerName);
        }

        private static List<Token> lex(String s) {
            List<Token> out = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '"' || c == '\'') {
                    StringBuilder sb = new StringBuilder();
                    int j = i + 1;
                    while (j < s.length() && s.charAt(j) != c) {
                        if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                            j++;
                        }
                        sb.append(s.charAt(j++));
                    }
                    if (j >= s.length()) {
                        throw new IllegalArgumentException("filter, at character " + (i + 1)
                                + ": a string that is never closed");
                    }
                    out.add(new Token("string", sb.toString(), i));
                    i = j + 1;
                } else if (Character.isDigit(c) || (c == '-' || c == '.') && i + 1 < s.length()
                        && Character.isDigit(s.charAt(i + 1))) {
                    int j = i + 1;
                    while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                        j++;
                    }
                    String n = s.substring(i, j);
                    try {
                        new BigDecimal(n);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("filter, at character " + (i + 1) + ": '" + n
                                + "' is not a number");
                    }
                    out.add(new Token("number", n, i));
                    i = j;
                } else if (Character.isLetter(c) || c == '_') {
                    int j = i + 1;
                    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_'
                            || s.charAt(j) == '.')) {
                        j++;
                    }
                    out.add(new Token("name", s.substring(i, j), i));
                    i = j;
                } else {
                    String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                    if (List.of("==", "!=", ">=", "<=", "&&", "||").contains(two)) {
                        out.add(new Token(two.equals("&&") || two.equals("||") ? "logic" : "op", two, i));
                        i += 2;
                    } else if (c == '>' || c == '<' || c == '~') {
                        out.add(new Token("op", String.valueOf(c), i));
                        i++;
                    } else if (c == '=') {
                        out.add(new Token("op", "==", i));
                        i++;
                    } else if (c == '!' || c == '(' || c == ')' || c == '[' || c == ']') {
                        out.add(new Token("punct", String.valueOf(c), i));
                        i++;
                    } else {
                        throw new IllegalArgumentException("filter, at character " + (i + 1) + ": '" + c
                                + "' is not part of a condition");
                    }
                }
            }
            return out;
        }
    }
}
