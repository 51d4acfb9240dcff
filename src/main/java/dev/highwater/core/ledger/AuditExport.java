package dev.highwater.core.ledger;

import dev.highwater.core.text.JsonWriter;

import java.time.Instant;

/** Audit results as CSV and as the JSON of our command-line contract; amounts as exact decimal strings. */
public final class AuditExport {

    private AuditExport() {
    }

    /** {@code {"topic":…,"at":"ISO","balances":{"acc":"decimal",…},"events":N,…,"problems":[…]}} */
    public static String json(AuditReport r) {
        JsonWriter w = new JsonWriter().beginObject()
                .name("topic").value(r.topic())
                .name("at").value(r.at().toString())
                .name("balances").beginObject();
        BalanceTable b = r.balances();
        for (int i = 0; i < b.size(); i++) {
            w.name(b.account(i)).value(b.balance(i).toPlainString());
        }
        w.endObject()
                .name("events").value(r.events())
                .name("duplicates").value(r.duplicates())
                .name("undecodable").value(r.undecodable())
                .name("unknownType").value(r.unknownType())
                .name("conflicts").value(r.conflicts())
                .name("problems").beginArray();
        for (Problem p : r.problems()) {
            w.beginObject().name("partition").value((long) p.partition()).name("offset").value(p.offset())
                    .name("reason").value(p.reason()).endObject();
        }
        return w.endArray().endObject().toString();
    }

    /** One row per account: {@code account,balance}. */
    public static String csv(AuditReport r) {
        StringBuilder out = new StringBuilder("account,balance\n");
        BalanceTable b = r.balances();
        for (int i = 0; i < b.size(); i++) {
            out.append(cell(b.account(i))).append(',').append(b.balance(i).toPlainString()).append('\n');
        }
        return out.toString();
    }

    /** The change of every account between two reports of one topic: {@code account,balance at A,at B,change}. */
    public static String diffCsv(AuditReport from, AuditReport to) {
        StringBuilder out = new StringBuilder("account,balance at " + from.at() + ",balance at " + to.at()
                + ",change\n");
        for (BalanceDiff d : BalanceDiff.between(from, to)) {
            out.append(cell(d.account())).append(',').append(d.before().toPlainString()).append(',')
                    .append(d.after().toPlainString()).append(',').append(d.change().toPlainString()).append('\n');
        }
        return out.toString();
    }

    public static String diffJson(AuditReport from, AuditReport to) {
        JsonWriter w = new JsonWriter().beginObject().name("topic").value(to.topic())
                .name("from").value(from.at().toString()).name("to").value(to.at().toString())
                .name("changes").beginArray();
        for (BalanceDiff d : BalanceDiff.between(from, to)) {
            w.beginObject().name("account").value(d.account()).name("from").value(d.before().toPlainString())
                    .name("to").value(d.after().toPlainString()).name("change").value(d.change().toPlainString())
                    .endObject();
        }
        return w.endArray().endObject().toString();
    }

    /** An account's events: {@code partition,offset,eventId,reference,timestamp,amount,runningBalance}. */
    public static String historyCsv(AccountHistory h) {
        StringBuilder out = new StringBuilder("partition,offset,eventId,reference,timestamp,amount,runningBalance\n");
        for (AccountHistory.Row row : h.rows()) {
            out.append(row.partition()).append(',').append(row.offset()).append(',').append(cell(row.eventId()))
                    .append(',').append(cell(row.reference())).append(',')
                    .append(Instant.ofEpochMilli(row.timestamp())).append(',').append(row.amount().toPlainString())
                    .append(',').append(row.runningBalance().toPlainString()).append('\n');
        }
        return out.toString();
    }

    public static String historyJson(AccountHistory h) {
        JsonWriter w = new JsonWriter().beginObject().name("account").value(h.account())
                .name("at").value(h.at().toString()).name("balance").value(h.balanceAt().toPlainString())
                .name("events").value(h.eventsAt()).name("notShown").value(h.rowsNotShown())
                .name("rows").beginArray();
        for (AccountHistory.Row row : h.rows()) {
            w.beginObject().name("partition").value((long) row.partition()).name("offset").value(row.offset())
                    .name("eventId").value(row.eventId()).name("reference").value(row.reference())
                    .name("timestamp").value(Instant.ofEpochMilli(row.timestamp()).toString())
                    .name("amount").value(row.amount().toPlainString())
                    .name("runningBalance").value(row.runningBalance().toPlainString()).endObject();
        }
        return w.endArray().endObject().toString();
    }

    /** A CSV cell, quoted when it holds a comma, a quote or a line break. */
    static String cell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
