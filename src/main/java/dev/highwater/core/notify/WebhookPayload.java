package dev.highwater.core.notify;

import dev.highwater.core.text.JsonWriter;

import java.time.Instant;

/**
 * The JSON body a webhook receives: a top-level {@code text}, the one line Slack's and Microsoft Teams' incoming
 * webhooks show as the message, and the event's fields under {@code highwater} for receivers that read them:
 * <pre>{"text":"CRITICAL raised on prod (b:9092): billing: total lag …",
 *  "highwater":{"event":"raised","key":"total-lag:billing","severity":"CRITICAL","group":"billing",
 *               "message":"billing: total lag …","raisedAt":"2026-12-07T23:14:05Z","clearedAt":null,
 *               "cluster":"b:9092","profile":"prod"}}</pre>
 */
public final class WebhookPayload {

    private WebhookPayload() {
    }

    public static String json(AlertEvent e) {
        return new JsonWriter().beginObject()
                .name("text").value(e.text())
                .name("highwater").beginObject()
                .name("event").value(e.kind().word())
                .name("key").value(e.key())
                .name("severity").value(e.severity().name())
                .name("group").value(e.group())
                .name("message").value(e.message())
                .name("raisedAt").value(Instant.ofEpochMilli(e.raisedAt()).toString())
                .name("clearedAt").value(e.clearedAt() == null ? null : Instant.ofEpochMilli(e.clearedAt()).toString())
                .name("cluster").value(e.cluster())
                .name("profile").value(e.profile())
                .endObject()
                .endObject().toString();
    }
}
