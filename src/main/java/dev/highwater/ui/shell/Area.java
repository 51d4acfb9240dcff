package dev.highwater.ui.shell;

/** The console's areas, in the order the navigation shows them. */
public enum Area {
    PARTITIONS("Partitions", "Consumer lag per partition, in offsets and in seconds; throughput; hot partitions and hot keys; alerts."),
    MESSAGES("Messages", "Live decoding of any topic: Protobuf from any schema source, JSON, schema-registry framing; "
            + "poison pills shown as such without stopping the stream."),
    SCHEMAS("Schemas", "The profile's schema registry: subjects, their versions, each version's schema text with its "
            + "references and the compatibility level; which versions the newest records of a topic were written with."),
    LEDGER("Ledger", "Every account's exact balance on a ledger topic at any instant, replayed from committed "
            + "events (snapshots make later questions fast); one account's events and balance over time; the change "
            + "between two instants; CSV and JSON export."),
    TABLES("Tables", "Any keyed topic's state at an instant: the latest value of every key, decoded, searchable; "
            + "the keys added, removed and changed between two instants, with both values."),
    GRPC("gRPC", "A workbench for every gRPC call type against a live backend, with reflection and deadlines, "
            + "and a live blocks view of the indexer.");

    private final String title;
    private final String purpose;

    Area(String title, String purpose) {
        this.title = title;
        this.purpose = purpose;
    }

    public String title() {
        return title;
    }

    /** What the area is for, in a sentence or two. */
    public String purpose() {
        return purpose;
    }
}
