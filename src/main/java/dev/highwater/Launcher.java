package dev.highwater;

import dev.highwater.kafka.EmbeddedKafka;

public final class Launcher {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        try (EmbeddedKafka k = EmbeddedKafka.start(9092, null)) {
            System.out.println("ready " + (System.nanoTime() - t0) / 1_000_000 + " ms " + k.bootstrapServers());
        }
        System.out.println("stopped " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
}
