package dev.highwater.bench;

/**
 * Whether Kafka's own performance tools (the kafka-tools jar) are on the class path. The build's lib/ has them,
 * so {@code java -jar target/highwater.jar bench} runs every suite; the installers leave the jar out (only the
 * benchmarks' anchors use it), so there the anchor suites say why they have no anchor instead of failing on a
 * missing class.
 */
final class KafkaTools {

    static final String ABSENT = "Kafka's performance tools (kafka-tools) are not on the class path: the installed"
            + " app leaves them out; the anchors need java -jar target/highwater.jar bench from a build";

    private KafkaTools() {
    }

    static boolean present() {
        try {
            Class.forName("org.apache.kafka.tools.ProducerPerformance", false, KafkaTools.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** For the anchors themselves: one line a user can act on rather than a NoClassDefFoundError. */
    static void require() {
        if (!present()) {
            throw new IllegalStateException(ABSENT);
        }
    }
}
