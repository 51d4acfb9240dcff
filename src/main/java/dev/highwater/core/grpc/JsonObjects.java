package dev.highwater.core.grpc;

import java.util.ArrayList;
import java.util.List;

/** Splits text into its top-level JSON objects: JSONL, or objects written one after another. */
final class JsonObjects {

    private JsonObjects() {
    }

    /**
     * The text of each top-level {...}, in order, tracking strings so braces inside them do not count. Text
     * outside objects (blank lines, commas) is skipped; an unclosed object is returned as it is so that parsing
     * it says what is wrong.
     */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = -1;
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{') {
                if (depth++ == 0) {
                    start = i;
                }
            } else if (c == '}' && depth > 0 && --depth == 0) {
                out.add(text.substring(start, i + 1));
                start = -1;
            } else if (depth == 0 && !Character.isWhitespace(c) && c != ',') {
                // a stray value between objects: keep it so the parser names it
                int end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
                out.add(text.substring(i, end).strip());
                i = end;
            }
        }
        if (start >= 0) {
            out.add(text.substring(start));
        }
        return out;
    }
}
