package dev.highwater.ui.schemas;

import dev.highwater.ui.TableCopy;
import dev.highwater.core.evolution.Finding;
import dev.highwater.core.registry.SchemaReference;
import dev.highwater.core.registry.SchemaUsage;
import dev.highwater.core.registry.SubjectVersion;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Schemas screen, bound to its {@link SchemasModel}: subjects with a filter, the selected subject's versions,
 * the selected version's schema text and references, and below, the "Versions on a topic" panel beside the check of
 * a new schema file against the selected subject (and the topic chosen in that panel).
 */
public final class SchemasView {

    private final SchemasModel model;
    private final BorderPane root = new BorderPane();
    private File lastFolder; // where the file chooser opens next

    public SchemasView(SchemasModel model) {
        this.model = model;
        root.getStyleClass().add("schemas-screen");
        root.getStylesheets().add(Objects.requireNonNull(
                SchemasView.class.getResource("schemas.css")).toExternalForm());
        root.setTop(new VBox(toolbar(), problem()));
        SplitPane browse = new SplitPane(subjectsPane(), versionsPane(), detailPane());
        browse.setDividerPositions(0.22, 0.35);
        SplitPane below = new SplitPane(topicPane(), checkPane());
        below.setDividerPositions(0.5);
        SplitPane main = new SplitPane(browse, below);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.55);
        root.setCenter(main);
    }

    public Node root() {
        return root;
    }

    private Node toolbar() {
        Label title = new Label("Schemas");
        title.getStyleClass().add("screen-title");
        Label where = new Label();
        where.setId("registry-where");
        where.getStyleClass().add("registry-where");
        where.textProperty().bind(model.whereProperty());
        where.setMinWidth(0);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button refresh = new Button("Refresh");
        refresh.setId("schemas-refresh");
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        refresh.disableProperty().bind(model.loadingProperty());
        refresh.setOnAction(e -> model.refresh());
        HBox bar = new HBox(10, title, where, gap, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("toolbar");
        return bar;
    }

    private Node problem() {
        Label problem = new Label();
        problem.setId("schemas-problem");
        problem.getStyleClass().add("schemas-problem");
        problem.setWrapText(true);
        problem.setMaxWidth(Double.MAX_VALUE);
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        return problem;
    }

    private Node subjectsPane() {
        TextField filter = new TextField();
        filter.setId("subject-filter");
        filter.setPromptText("filter subjects");
        filter.textProperty().bindBidirectional(model.filterProperty());
        ListView<String> list = new ListView<>(model.subjects());
        list.setId("subjects");
        list.getSelectionModel().selectedItemProperty().addListener((obs, o, s) -> {
            if (s != null) {
                model.selectSubject(s);
            }
        });
        model.subjectProperty().addListener((obs, o, s) -> {
            if (!Objects.equals(list.getSelectionModel().getSelectedItem(), s)) {
                list.getSelectionModel().select(s);
            }
        });
        Label count = new Label();
        count.textProperty().bind(Bindings.createStringBinding(() ->
                model.subjects().size() == model.allSubjects().size() ? model.allSubjects().size() + " subjects"
                        : model.subjects().size() + " of " + model.allSubjects().size() + " subjects",
                model.subjects(), model.allSubjects()));
        return pane("Subjects", list, filter, list, count);
    }

    private Node versionsPane() {
        ListView<Integer> list = new ListView<>(model.versions());
        list.setId("versions");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Integer version, boolean empty) {
                super.updateItem(version, empty);
                setText(empty || version == null ? null : "version " + version);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, o, v) -> {
            if (v != null) {
                model.selectVersion(v);
            }
        });
        model.versionProperty().addListener((obs, o, v) -> {
            if (!Objects.equals(list.getSelectionModel().getSelectedItem(), v)) {
                list.getSelectionModel().select(v);
            }
        });
        Label level = new Label();
        level.setId("compatibility");
        level.getStyleClass().add("compatibility");
        level.setWrapText(true);
        level.textProperty().bind(model.compatibilityProperty());
        level.visibleProperty().bind(level.textProperty().isNotEmpty());
        Label levelTitle = new Label("Compatibility");
        levelTitle.visibleProperty().bind(level.visibleProperty());
        VBox box = pane("Versions", list, list, levelTitle, level);
        // wide enough for the longest level name (FULL_TRANSITIVE) on one line
        box.getStyleClass().add("versions-pane");
        return box;
    }

    private Node detailPane() {
        Label facts = new Label();
        facts.setId("schema-facts");
        facts.getStyleClass().add("schema-facts");
        facts.textProperty().bind(model.schemaFactsProperty());
        TextArea text = monospace("schema-text");
        text.textProperty().bind(model.schemaTextProperty());
        TableView<SchemaReference> refs = new TableView<>(model.references());
        TableCopy.install(refs);
        refs.setId("schema-references");
        Label noRefs = new Label();
        // said only once a version is shown, not on an empty screen
        noRefs.textProperty().bind(Bindings.when(model.versionProperty().isNull())
                .then("").otherwise("This version references no other schema."));
        refs.setPlaceholder(noRefs);
        refs.getColumns().add(column("Name", r -> r.name(), 150));
        refs.getColumns().add(column("Subject", r -> r.subject(), 140));
        TableColumn<SchemaReference, String> refVersion = column("Version", r -> String.valueOf(r.version()), 70);
        refVersion.setMinWidth(64);
        refs.getColumns().add(refVersion);
        refs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        refs.getSelectionModel().selectedItemProperty().addListener((obs, o, r) -> model.selectReference(r));
        model.referenceProperty().addListener((obs, o, r) -> {
            if (r == null) {
                refs.getSelectionModel().clearSelection();
            }
        });
        TextArea refText = monospace("reference-text");
        refText.setPromptText("Select a reference to see its schema.");
        refText.textProperty().bind(model.referenceTextProperty());
        SplitPane references = new SplitPane(refs, refText);
        references.setDividerPositions(0.45);
        VBox refBox = new VBox(4, title("References"), references);
        VBox.setVgrow(references, Priority.ALWAYS);
        SplitPane body = new SplitPane(text, refBox);
        body.setOrientation(Orientation.VERTICAL);
        body.setDividerPositions(0.62);
        Button check = new Button("Check a schema file…");
        check.setId("check-file");
        check.setMinWidth(Region.USE_PREF_SIZE);
        check.setTooltip(new Tooltip("Checks a new .proto, .avsc or JSON Schema against this subject's versions at its"
                + " compatibility level and, with a topic chosen below, against the topic's last records."));
        check.disableProperty().bind(model.subjectProperty().isNull().or(model.checkingProperty()));
        check.setOnAction(e -> chooseAndCheck());
        facts.setMinWidth(0);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox factsRow = new HBox(8, facts, gap, check);
        factsRow.setAlignment(Pos.CENTER_LEFT);
        return pane("Schema", body, factsRow, body);
    }

    private void chooseAndCheck() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Check a schema file against " + model.subjectProperty().get());
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Schemas (*.proto, *.avsc, *.json)", "*.proto", "*.avsc", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (lastFolder != null && lastFolder.isDirectory()) {
            chooser.setInitialDirectory(lastFolder);
        }
        File file = chooser.showOpenDialog(root.getScene().getWindow());
        if (file != null) {
            lastFolder = file.getParentFile();
            model.checkFile(file.toPath(), model.topic().topicProperty().get());
        }
    }

    private Node checkPane() {
        Label verdict = new Label();
        verdict.setId("check-verdict");
        verdict.getStyleClass().add("check-verdict");
        verdict.setWrapText(true);
        verdict.setMinHeight(Region.USE_PREF_SIZE);
        verdict.textProperty().bind(model.checkVerdictProperty());
        verdict.visibleProperty().bind(verdict.textProperty().isNotEmpty());
        verdict.managedProperty().bind(verdict.visibleProperty());
        Runnable mark = () -> {
            verdict.getStyleClass().removeAll("check-breaks", "check-passes");
            if (!model.checkingProperty().get() && !model.checkVerdictProperty().get().isEmpty()) {
                verdict.getStyleClass().add(model.checkBreaksProperty().get() ? "check-breaks" : "check-passes");
            }
        };
        model.checkBreaksProperty().addListener((obs, o, b) -> mark.run());
        model.checkVerdictProperty().addListener((obs, o, v) -> mark.run());
        model.checkingProperty().addListener((obs, o, c) -> mark.run());
        Label problem = new Label();
        problem.setId("check-problem");
        problem.getStyleClass().add("schemas-problem");
        problem.setWrapText(true);
        problem.setMinHeight(Region.USE_PREF_SIZE);
        problem.textProperty().bind(model.checkProblemProperty());
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        ListView<Finding> findings = new ListView<>(model.checkFindings());
        findings.setId("check-findings");
        findings.getStyleClass().add("check-findings");
        findings.setCellFactory(v -> new ListCell<>() {
            {
                // a finding is a long sentence: wrapped to the list's width rather than scrolled sideways
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(Finding f, boolean empty) {
                super.updateItem(f, empty);
                getStyleClass().remove("finding-breaking");
                setText(empty || f == null ? null : f.toString());
                if (!empty && f != null && f.breaking()) {
                    getStyleClass().add("finding-breaking");
                }
            }
        });
        Label hint = new Label("\"Check a schema file…\" compares a new .proto, .avsc or JSON Schema with the selected"
                + " subject's versions; with a topic chosen on the left, also whether its last records still decode.");
        hint.setWrapText(true);
        Label none = new Label("No findings: the new schema changes nothing the level cares about.");
        findings.placeholderProperty().bind(Bindings.when(model.checkVerdictProperty().isEmpty()
                .or(model.checkingProperty())).<Node>then(hint).otherwise(none));
        Label topicLine = new Label();
        topicLine.setId("check-topic");
        topicLine.setWrapText(true);
        topicLine.setMinHeight(Region.USE_PREF_SIZE);
        topicLine.textProperty().bind(model.checkTopicProperty());
        topicLine.visibleProperty().bind(topicLine.textProperty().isNotEmpty());
        topicLine.managedProperty().bind(topicLine.visibleProperty());
        Label first = new Label();
        first.setId("check-first-failure");
        first.getStyleClass().add("check-failure");
        first.setWrapText(true);
        first.setMinHeight(Region.USE_PREF_SIZE);
        first.textProperty().bind(model.checkFirstFailureProperty());
        first.visibleProperty().bind(first.textProperty().isNotEmpty());
        first.managedProperty().bind(first.visibleProperty());
        VBox box = new VBox(6, title("Check of a schema file"), verdict, problem, findings, topicLine, first);
        VBox.setVgrow(findings, Priority.ALWAYS);
        box.setPadding(new Insets(6, 10, 6, 10));
        box.setMinWidth(0);
        return box;
    }

    private Node topicPane() {
        VersionsOnTopicModel topic = model.topic();
        ComboBox<String> topics = new ComboBox<>(topic.topics());
        topics.setId("usage-topic");
        topics.setEditable(true);
        topics.setPrefWidth(220);
        topics.setPromptText("topic");
        topics.valueProperty().bindBidirectional(topic.topicProperty());
        TextField n = new TextField();
        n.setId("usage-records");
        n.setPrefColumnCount(8);
        n.textProperty().bindBidirectional(topic.recordsProperty());
        n.setOnAction(e -> topic.read());
        Button read = new Button("Read");
        read.setId("usage-read");
        read.setMinWidth(Region.USE_PREF_SIZE);
        read.setTooltip(new Tooltip("Reads the newest records without a consumer group: nothing is committed."));
        read.disableProperty().bind(topic.readingProperty());
        read.setOnAction(e -> topic.read());
        Label summary = new Label();
        summary.setId("usage-summary");
        summary.getStyleClass().add("topic-summary");
        summary.setWrapText(true);
        summary.setMinWidth(0);
        summary.textProperty().bind(topic.summaryProperty());
        HBox ask = new HBox(6, new Label("Topic"), topics, new Label("last"), n, new Label("records"), read);
        ask.setAlignment(Pos.CENTER_LEFT);
        TableView<SchemaUsage.Row> table = new TableView<>(topic.rows());
        TableCopy.install(table);
        table.setId("usage-table");
        table.getStyleClass().add("usage-table");
        table.setPlaceholder(new Label("Choose a topic and Read: the schema versions of its newest records show here."));
        table.getColumns().add(column("Subject", r -> joined(r, SubjectVersion::subject), 260));
        table.getColumns().add(column("Version", r -> joined(r, v -> String.valueOf(v.version())), 70));
        TableColumn<SchemaUsage.Row, String> id = column("Schema id", r -> String.valueOf(r.id()), 80);
        id.getStyleClass().add("num");
        table.getColumns().add(id);
        TableColumn<SchemaUsage.Row, String> count = column("Records", r -> String.format("%,d", r.records()), 90);
        count.getStyleClass().add("num");
        table.getColumns().add(count);
        table.getColumns().add(column("Note", SchemaUsage.Row::problem, 400));
        // the short columns keep their headers whole at any width; the subject and the note give way
        for (TableColumn<SchemaUsage.Row, ?> c : table.getColumns().subList(1, 4)) {
            c.setMinWidth(c.getPrefWidth());
        }
        table.getColumns().getFirst().setMinWidth(120);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox box = new VBox(6, title("Versions on a topic"), ask, summary, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(6, 10, 6, 10));
        return box;
    }

    private static String joined(SchemaUsage.Row r, Function<SubjectVersion, String> part) {
        return r.registeredAs().stream().map(part).collect(Collectors.joining(", "));
    }

    /** A titled column of the browser; {@code grow} (one of {@code parts}) takes the height left. */
    private static VBox pane(String title, Node grow, Node... parts) {
        VBox box = new VBox(4, title(title));
        box.getChildren().addAll(parts);
        VBox.setVgrow(grow, Priority.ALWAYS);
        box.setPadding(new Insets(6, 8, 6, 8));
        box.setMinWidth(0);
        return box;
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("pane-title");
        return l;
    }

    private static TextArea monospace(String id) {
        TextArea t = new TextArea();
        t.setId(id);
        t.setEditable(false);
        t.getStyleClass().add("schema-text");
        return t;
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
