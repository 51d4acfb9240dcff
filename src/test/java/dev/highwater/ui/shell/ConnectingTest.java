package dev.highwater.ui.shell;

import dev.highwater.app.Composition;
import dev.highwater.app.ThreadPoolTasks;
import dev.highwater.app.Wiring;
import dev.highwater.core.BackendStartException;
import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.GrpcTls;
import dev.highwater.core.connect.KafkaSecurity;
import dev.highwater.core.connect.Secret;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.kafka.SecureBroker;
import dev.highwater.ui.DesktopUi;
import dev.highwater.ui.UiThread;
import dev.highwater.ui.partitions.GroupSummary;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connecting the console to a user's cluster, headless, against a real broker with a SASL_SSL (SCRAM) listener:
 * a cluster that does not answer never replaces the one on screen, says why, and holds no control.
 */
class ConnectingTest {

    private static final String GROUP = "billing";
    /** The console's own last word on an attempt; a probe ends long before. */
    private static final int ATTEMPT_LIMIT_SECONDS = 30;

    @TempDir
    static Path dir;
    private static SecureBroker broker;

    private final FxRobot robot = new FxRobot();
    private ThreadPoolTasks tasks;
    private Composition app;
    private MainModel model;

    @BeforeAll
    static void start() throws Exception {
        broker = new SecureBroker(dir);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.plaintextBootstrap()));
             KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                     broker.plaintextBootstrap()), new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic("orders", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 10; i++) {
                p.send(new ProducerRecord<>("orders", i % 2, "k" + i, "order " + i)).get();
            }
            admin.alterConsumerGroupOffsets(GROUP, Map.of(new TopicPartition("orders", 0), new OffsetAndMetadata(2),
                    new TopicPartition("orders", 1), new OffsetAndMetadata(1))).all().get(30, TimeUnit.SECONDS);
        }
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    /** The window, connected to the broker's plaintext listener and showing its consumer group. */
    @BeforeEach
    void openOnTheLocalCluster() throws Exception {
        tasks = new ThreadPoolTasks(2);
        app = new Composition(options -> {
            throw new BackendStartException("no demo in this test");
        }, tasks, cluster -> Wiring.lagService(cluster, dir.resolve("history-" + System.nanoTime())), "test",
                dir, SchemaCatalog.withBuiltIn());
        Stage stage = FxToolkit.registerStage(Stage::new);
        model = WaitForAsyncUtils.asyncFx(() -> DesktopUi.open(stage, app, UiThread.fx(), () -> { }))
                .get(10, TimeUnit.SECONDS);
        robot.interact(() -> model.connectTo(ConnectionProfile.plain("Local", broker.plaintextBootstrap(), "")));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> groupShown() && statusText().startsWith("Local"));
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        if (model != null) {
            model.closeNow();
        }
        tasks.close();
    }

    @Test
    void anUnresolvableHostIsSaidAndTheClusterOnScreenStays() throws Exception {
        failsAndKeepsTheLocalCluster(ConnectionProfile.plain("Bad host", "nohost:1", ""), "nohost:1", "resolve");
    }

    @Test
    void aPortWithoutABrokerIsSaidAndTheClusterOnScreenStays() throws Exception {
        failsAndKeepsTheLocalCluster(ConnectionProfile.plain("Closed port", "127.0.0.1:1", ""), "127.0.0.1:1",
                "No Kafka broker answered");
    }

    @Test
    void aWrongPasswordIsSaidAndTheClusterOnScreenStays() throws Exception {
        String wrong = "not-carols-password";
        failsAndKeepsTheLocalCluster(secured("Secure", wrong), "refused the credentials", "password");
        assertFalse(noticeText().contains(wrong), "no secret on screen");
    }

    @Test
    void theRightPasswordReplacesTheConnection() throws Exception {
        robot.interact(() -> model.connectTo(secured("Secure", SecureBroker.ALICE_PASSWORD)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> statusText().startsWith("Secure"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> model.liveConnectionProperty().get().profile().name()).get().equals("Secure"));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, this::groupShown);
        assertEquals("", noticeText());
        assertFalse(visible("#cancel-connect"), () -> "still shown: " + connectingText());
    }

    @Test
    void anAttemptCanBeCancelledAndItsLateAnswerIsIgnored() throws Exception {
        // accepts connections and never answers: the probe waits its full ten seconds
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ConnectionProfile p = ConnectionProfile.plain("Silent", "127.0.0.1:" + silent.getLocalPort(), "");
            robot.interact(() -> model.connectTo(p));
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(visible("#cancel-connect"), "the attempt can be cancelled");
            assertTrue(buttonsEnabled(), "every control stays usable while it runs");
            assertTrue(groupShown(), "the current connection goes on showing its data");
            assertTrue(robot.lookup("#connecting-text").queryAs(Label.class).getText()
                    .startsWith("Connecting to Silent (127.0.0.1:"));
            robot.interact(() -> robot.lookup("#cancel-connect").queryButton().fire());
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals("Stopped connecting to Silent.", noticeText());
            assertFalse(visible("#cancel-connect"));
            Thread.sleep(12_000); // the probe has given up by now; what it found is not said
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals("Stopped connecting to Silent.", noticeText());
            assertEquals("Local", model.liveConnectionProperty().get().profile().name());
            assertTrue(groupShown());
        }
    }

    @Test
    void eachAreaBuildsItsScreenAndStartsItsWorkWhenFirstShown() throws Exception {
        Map<Area, Integer> built = new ConcurrentHashMap<>();
        Map<Area, Function<LiveConnection, Screen>> factories = new EnumMap<>(Area.class);
        for (Area a : Area.values()) {
            factories.put(a, c -> {
                built.merge(a, 1, Integer::sum);
                return Screen.of(new Label(a.title()), () -> { });
            });
        }
        MainModel other = new MainModel(app, UiThread.fx());
        try {
            WaitForAsyncUtils.asyncFx(() -> new MainView(other, factories)).get(10, TimeUnit.SECONDS);
            robot.interact(() -> other.connectTo(ConnectionProfile.plain("Local", broker.plaintextBootstrap(), "")));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> other.liveConnectionProperty().get() != null);
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(Map.of(Area.PARTITIONS, 1), built, "only the area shown");
            robot.interact(() -> other.select(Area.MESSAGES));
            robot.interact(() -> other.select(Area.PARTITIONS));
            robot.interact(() -> other.select(Area.MESSAGES));
            assertEquals(Map.of(Area.PARTITIONS, 1, Area.MESSAGES, 1), built, "built once per connection");
        } finally {
            other.closeNow();
        }
    }

    @Test
    void theLedgerOpensAtTheInstantItIsFirstShown() throws Exception {
        Thread.sleep(3_000); // connected a while ago
        LocalTime clicked = LocalTime.now().truncatedTo(ChronoUnit.SECONDS);
        robot.clickOn("#nav-ledger");
        WaitForAsyncUtils.waitForFxEvents();
        LocalTime shown = robot.lookup("#area-ledger .text-field").queryAllAs(TextField.class).stream()
                .map(TextField::getText).filter(t -> t != null && t.matches("\\d\\d:\\d\\d:\\d\\d"))
                .map(LocalTime::parse).max(LocalTime::compareTo).orElseThrow();
        assertFalse(shown.isBefore(clicked), "the Ledger asks about " + shown + ", shown at " + clicked);
    }

    private void failsAndKeepsTheLocalCluster(ConnectionProfile bad, String... reasonHas) throws Exception {
        robot.interact(() -> model.connectTo(bad));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> noticeText().startsWith("Not connected to "));
        String notice = noticeText();
        assertTrue(notice.startsWith("Not connected to " + bad.name() + ": "), notice);
        for (String part : reasonHas) {
            assertTrue(notice.contains(part), notice);
        }
        assertFalse(notice.contains("Exception"), "one sentence, no class names: " + notice);
        assertTrue(groupShown(), "the previous connection's data is still on screen");
        assertTrue(buttonsEnabled(), "the buttons are enabled");
        assertFalse(visible("#cancel-connect"), "no attempt left under way");
        assertTrue(statusText().startsWith("Local"), statusText());
        assertEquals("Local", model.liveConnectionProperty().get().profile().name());
        Thread.sleep(2_000); // the Partitions screen goes on refreshing the cluster it shows
        assertTrue(groupShown());
        assertTrue(buttonsEnabled());
    }

    /** Read on the FX thread: the list's items change there while the screen refreshes. */
    private boolean groupShown() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(".group-list").tryQuery()
                .map(n -> ((ListView<?>) n).getItems().stream()
                        .anyMatch(g -> g instanceof GroupSummary s && s.groupId().equals(GROUP))).orElse(false))
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    private boolean buttonsEnabled() {
        return List.of("#connect", "#start-demo").stream()
                .noneMatch(id -> robot.lookup(id).queryAs(Button.class).isDisabled());
    }

    /** Shown: the node and every parent visible. */
    private boolean visible(String id) {
        Node n = robot.lookup(id).tryQuery().orElse(null);
        if (n == null) {
            return false;
        }
        for (; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private String connectingText() {
        return robot.lookup("#connecting-text").queryAs(Label.class).getText();
    }

    private String noticeText() {
        return robot.lookup("#status-notice").queryAs(Label.class).getText();
    }

    private String statusText() {
        return robot.lookup("#status-text").queryAs(Label.class).getText();
    }

    /** A profile for the broker's SASL_SSL listener, as its SCRAM user, with this password. */
    private static ConnectionProfile secured(String name, String password) {
        KafkaSecurity security = new KafkaSecurity(KafkaSecurity.Protocol.SASL_SSL,
                KafkaSecurity.Mechanism.SCRAM_SHA_256, SecureBroker.ALICE, new Secret(password, false),
                new KafkaSecurity.Store(broker.certs.trustStore(), "PKCS12", new Secret(broker.certs.password(), false)),
                null);
        return new ConnectionProfile(name, broker.saslSslBootstrap(), security, Map.of(), "", GrpcTls.PLAINTEXT,
                null, false, false);
    }
}
