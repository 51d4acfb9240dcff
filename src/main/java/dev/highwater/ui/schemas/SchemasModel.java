package dev.highwater.ui.schemas;

import dev.highwater.app.BackgroundTasks;
import dev.highwater.core.evolution.DecodabilityCheck;
import dev.highwater.core.evolution.EvolutionReport;
import dev.highwater.core.evolution.Finding;
import dev.highwater.core.evolution.SchemaFileCheck;
import dev.highwater.core.registry.RegisteredSchema;
import dev.highwater.core.registry.SchemaReference;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.registry.SubjectVersion;
import dev.highwater.core.tail.TailSource;
import dev.highwater.ui.Coalescer;
import dev.highwater.ui.UiThread;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The Schemas screen: the profile's registry as subjects, their versions, one version's schema text with its
 * references and the subject's compatibility level, and (in {@link VersionsOnTopicModel}) which versions occur on a
 * topic. Every registry call runs on the background tasks; each answer reaches the UI thread through a
 * {@link Coalescer}, and an answer for a selection the user has already left is dropped. A registry that is
 * missing, unreachable or refuses the credentials is one sentence in {@link #problemProperty()}, never a dialog.
 * {@link #checkFile} checks a new schema file against the selected subject (and a topic's records) the way
 * {@code highwater schemas check} does.
 */
public final class SchemasModel {

    /** What the screen says when the profile has no registry: where to add one. */
    public static final String NO_REGISTRY = "This profile has no schema registry: add its URL in the Schema"
            + " registry section of \"Connect to a cluster…\", then connect again.";

    private record Subjects(List<String> names, String problem) {
    }

    private record Versions(String subject, List<Integer> versions, String compatibility, String problem) {
    }

    private record Detail(String subject, int version, SubjectVersion at, RegisteredSchema schema, String problem) {
    }

    /** A check's answer: the result, or a problem in one sentence. */
    private record Checked(int check, String file, String subject, String topic, long last,
                           SchemaFileCheck.Result result, String problem) {
    }

    private final Supplier<Optional<SchemaRegistry>> opener;
    private final BackgroundTasks tasks;
    private final TailSource tails;
    private final VersionsOnTopicModel topic;
    private final Coalescer<Subjects> subjectsIn;
    private final Coalescer<Versions> versionsIn;
    private final Coalescer<Detail> detailIn;
    private final Coalescer<Checked> checkedIn;
    private final AtomicInteger checks = new AtomicInteger();
    private final Object lock = new Object();
    private Optional<SchemaRegistry> registry; // opened on first use, off the UI thread; guarded by lock
    private volatile boolean disposed;

    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper noRegistry = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper where = new ReadOnlyStringWrapper("");
    private final ObservableList<String> subjects = FXCollections.observableArrayList();
    private final FilteredList<String> shownSubjects = new FilteredList<>(subjects);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<String> subject = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Integer> versions = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Integer> version = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper compatibility = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper schemaText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper schemaFacts = new ReadOnlyStringWrapper("");
    private final ObservableList<SchemaReference> references = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<SchemaReference> reference = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper referenceText = new ReadOnlyStringWrapper("");
    private RegisteredSchema shownSchema; // UI thread
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper checkVerdict = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper checkBreaks = new ReadOnlyBooleanWrapper();
    private final ObservableList<Finding> checkFindings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper checkTopic = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper checkFirstFailure = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper checkProblem = new ReadOnlyStringWrapper("");

    /**
     * @param registry opens the profile's registry (empty when the profile has none; a RuntimeException with one
     *                 sentence when its settings cannot be used); called once, off the UI thread
     * @param tails    the cluster's topics, for the versions-on-a-topic panel and a check's records
     */
    public SchemasModel(Supplier<Optional<SchemaRegistry>> registry, TailSource tails, UiThread ui,
                        BackgroundTasks tasks) {
        this.opener = registry;
        this.tasks = tasks;
        this.tails = tails;
        this.subjectsIn = new Coalescer<>(ui, this::subjectsArrived);
        this.versionsIn = new Coalescer<>(ui, this::versionsArrived);
        this.detailIn = new Coalescer<>(ui, this::detailArrived);
        this.checkedIn = new Coalescer<>(ui, this::checkArrived);
        this.topic = new VersionsOnTopicModel(tails, this::openRegistry, ui, tasks);
        filter.addListener((obs, o, f) -> {
            String needle = f == null ? "" : f.strip().toLowerCase(Locale.ROOT);
            shownSubjects.setPredicate(needle.isEmpty() ? null : s -> s.toLowerCase(Locale.ROOT).contains(needle));
        });
    }

    // ---- Properties

    /** Why the registry cannot be shown (none in the profile, unreachable, refused…), in one sentence, or "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The profile has no registry: the screen says where to add one. */
    public ReadOnlyBooleanProperty noRegistryProperty() {
        return noRegistry.getReadOnlyProperty();
    }

    /** The subjects are being listed. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The registry's address(es), once opened. */
    public ReadOnlyStringProperty whereProperty() {
        return where.getReadOnlyProperty();
    }

    /** The subjects the filter lets through, sorted. */
    public ObservableList<String> subjects() {
        return shownSubjects;
    }

    /** Every subject of the registry. */
    public ObservableList<String> allSubjects() {
        return FXCollections.unmodifiableObservableList(subjects);
    }

    /** Part of a subject's name; the subjects list shows those that contain it (any case). */
    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyObjectProperty<String> subjectProperty() {
        return subject.getReadOnlyProperty();
    }

    /** The selected subject's versions, oldest first. */
    public ObservableList<Integer> versions() {
        return FXCollections.unmodifiableObservableList(versions);
    }

    public ReadOnlyObjectProperty<Integer> versionProperty() {
        return version.getReadOnlyProperty();
    }

    /** The compatibility level that applies to the selected subject. */
    public ReadOnlyStringProperty compatibilityProperty() {
        return compatibility.getReadOnlyProperty();
    }

    /** The selected version's schema text. */
    public ReadOnlyStringProperty schemaTextProperty() {
        return schemaText.getReadOnlyProperty();
    }

    /** The selected version's subject, version, id and type in a line. */
    public ReadOnlyStringProperty schemaFactsProperty() {
        return schemaFacts.getReadOnlyProperty();
    }

    /** The selected version's own references. */
    public ObservableList<SchemaReference> references() {
        return FXCollections.unmodifiableObservableList(references);
    }

    public ReadOnlyObjectProperty<SchemaReference> referenceProperty() {
        return reference.getReadOnlyProperty();
    }

    /** The selected reference's schema text. */
    public ReadOnlyStringProperty referenceTextProperty() {
        return referenceText.getReadOnlyProperty();
    }

    /** The "Versions on a topic" panel. */
    public VersionsOnTopicModel topic() {
        return topic;
    }

    /** A schema file is being checked. */
    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    /** The last check's verdict against the subject's history, e.g. "orders.proto breaks FULL_TRANSITIVE…". */
    public ReadOnlyStringProperty checkVerdictProperty() {
        return checkVerdict.getReadOnlyProperty();
    }

    /** The last check found something that breaks the level, or a record that would not decode. */
    public ReadOnlyBooleanProperty checkBreaksProperty() {
        return checkBreaks.getReadOnlyProperty();
    }

    /** The last check's findings, breaking ones first. */
    public ObservableList<Finding> checkFindings() {
        return FXCollections.unmodifiableObservableList(checkFindings);
    }

    /** What the last check found on the topic's records, or "" when it read no topic. */
    public ReadOnlyStringProperty checkTopicProperty() {
        return checkTopic.getReadOnlyProperty();
    }

    /** The first record (partition, offset) that would not decode with the new schema, and why; "" when none. */
    public ReadOnlyStringProperty checkFirstFailureProperty() {
        return checkFirstFailure.getReadOnlyProperty();
    }

    /** Why the last check could not be made, in one sentence, or "". */
    public ReadOnlyStringProperty checkProblemProperty() {
        return checkProblem.getReadOnlyProperty();
    }

    // ---- Commands

    /** Lists the subjects (and the cluster's topics) again; the selection is kept when it still exists. */
    public void refresh() {
        loading.set(true);
        tasks.run(() -> {
            try {
                Optional<SchemaRegistry> r = openRegistry();
                subjectsIn.offer(r.isEmpty() ? new Subjects(null, NO_REGISTRY)
                        : new Subjects(List.copyOf(r.get().subjects()), ""));
            } catch (RuntimeException e) {
                subjectsIn.offer(new Subjects(List.of(), Sentences.of(e)));
            }
        });
        topic.refreshTopics();
    }

    /** Shows a subject: its versions and compatibility, then its latest version. */
    public void selectSubject(String s) {
        if (Objects.equals(s, subject.get())) {
            return;
        }
        subject.set(s);
        versions.clear();
        compatibility.set("");
        version.set(null);
        clearDetail();
        if (s == null) {
            return;
        }
        tasks.run(() -> {
            try {
                SchemaRegistry r = openRegistry().orElseThrow();
                List<Integer> vs = List.copyOf(r.versions(s));
                String level;
                try {
                    level = r.compatibility(s);
                } catch (RuntimeException e) {
                    level = "unknown (" + Sentences.inline(e) + ")";
                }
                versionsIn.offer(new Versions(s, vs, level, ""));
            } catch (RuntimeException e) {
                versionsIn.offer(new Versions(s, List.of(), "", Sentences.of(e)));
            }
        });
    }

    /** Shows one version of the selected subject: its schema text, id, type and references. */
    public void selectVersion(Integer v) {
        if (Objects.equals(v, version.get())) {
            return;
        }
        clearDetail();
        version.set(v);
        String s = subject.get();
        if (v == null || s == null) {
            return;
        }
        tasks.run(() -> {
            try {
                SchemaRegistry r = openRegistry().orElseThrow();
                SubjectVersion at = r.version(s, v);
                detailIn.offer(new Detail(s, v, at, r.schema(at.id()), ""));
            } catch (RuntimeException e) {
                detailIn.offer(new Detail(s, v, null, null, Sentences.of(e)));
            }
        });
    }

    /** Shows a reference's schema text (already resolved with the schema that names it). */
    public void selectReference(SchemaReference ref) {
        reference.set(ref);
        RegisteredSchema s = shownSchema;
        if (ref == null || s == null) {
            referenceText.set("");
            return;
        }
        String text = s.referenced().get(ref.name());
        referenceText.set(text != null ? text : "The registry did not return the text of " + ref.name() + ".");
    }

    /**
     * Checks a new schema file against the selected subject's history at its compatibility level and, when
     * {@code topicOrEmpty} names a topic, whether its last records (the topic panel's number, of each partition)
     * still decode with it. The file is read and the registry and topic asked on the background tasks; a newer
     * check replaces an older one's answer.
     */
    public void checkFile(Path file, String topicOrEmpty) {
        int check = checks.incrementAndGet();
        clearCheck();
        String s = subject.get();
        if (s == null) {
            checkProblem.set("Select the subject to check the schema file against.");
            return;
        }
        if (file == null) {
            checkProblem.set("Choose a schema file to check.");
            return;
        }
        String t = topicOrEmpty == null ? "" : topicOrEmpty.strip();
        long last = VersionsOnTopicModel.count(topic.recordsProperty().get());
        if (!t.isEmpty() && last < 1) {
            checkProblem.set("Give the number of records as a whole number from 1 to 1,000,000.");
            return;
        }
        String name = String.valueOf(file.getFileName());
        checking.set(true);
        checkVerdict.set("Checking " + name + " against " + s + (t.isEmpty() ? "" : " and the records of " + t) + "…");
        tasks.run(() -> {
            try {
                String text = SchemaFileCheck.read(file);
                SchemaRegistry r = openRegistry().orElse(null);
                if (r == null) {
                    checkedIn.offer(new Checked(check, name, s, t, last, null, NO_REGISTRY));
                    return;
                }
                SchemaFileCheck.Topic records = t.isEmpty() ? null : new SchemaFileCheck.Topic(t, last, () -> tails);
                checkedIn.offer(new Checked(check, name, s, t, last,
                        SchemaFileCheck.check(r, file, text, s, null, records), ""));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                checkedIn.offer(new Checked(check, name, s, t, last, null, "The check was stopped."));
            } catch (RuntimeException e) {
                checkedIn.offer(new Checked(check, name, s, t, last, null, Sentences.of(e)));
            }
        });
    }

    /** Stops the topic panel's read and closes the registry; nothing reaches the screen after this. */
    public void dispose() {
        disposed = true;
        topic.dispose();
        tasks.run(() -> {
            synchronized (lock) {
                if (registry != null) {
                    registry.ifPresent(SchemaRegistry::close);
                }
            }
        });
    }

    // ---- Internals

    /** The registry, opened on first use; a failure to open is tried again next time. Background threads only. */
    private Optional<SchemaRegistry> openRegistry() {
        synchronized (lock) {
            if (disposed) {
                throw new IllegalStateException("the screen is closed");
            }
            if (registry == null) {
                registry = opener.get();
            }
            return registry;
        }
    }

    private void subjectsArrived(Subjects s) {
        loading.set(false);
        if (disposed) {
            return;
        }
        noRegistry.set(s.names() == null);
        problem.set(s.problem());
        synchronized (lock) {
            where.set(registry == null ? "" : registry.map(SchemaRegistry::where).orElse(""));
        }
        String keep = subject.get();
        subjects.setAll(s.names() == null ? List.of() : s.names());
        if (keep != null && !subjects.contains(keep)) {
            selectSubject(null);
        }
    }

    private void versionsArrived(Versions v) {
        if (disposed || !v.subject().equals(subject.get())) {
            return; // the user has moved on
        }
        if (!v.problem().isEmpty()) {
            problem.set(v.problem());
            return;
        }
        problem.set("");
        versions.setAll(v.versions());
        compatibility.set(v.compatibility());
        if (!v.versions().isEmpty()) {
            selectVersion(v.versions().getLast());
        }
    }

    private void detailArrived(Detail d) {
        if (disposed || !d.subject().equals(subject.get()) || !Integer.valueOf(d.version()).equals(version.get())) {
            return;
        }
        if (!d.problem().isEmpty()) {
            problem.set(d.problem());
            return;
        }
        problem.set("");
        shownSchema = d.schema();
        schemaText.set(d.schema().text());
        schemaFacts.set(d.subject() + " version " + d.at().version() + " · id " + d.schema().id() + " · "
                + d.schema().type() + " · " + (d.schema().references().isEmpty() ? "no references"
                : d.schema().references().size() + " reference" + (d.schema().references().size() == 1 ? "" : "s")));
        references.setAll(d.schema().references());
    }

    private void checkArrived(Checked c) {
        if (disposed || c.check() != checks.get()) {
            return; // a newer check is under way, or the screen has closed
        }
        checking.set(false);
        if (!c.problem().isEmpty()) {
            checkVerdict.set("");
            checkProblem.set(c.problem());
            return;
        }
        EvolutionReport report = c.result().report();
        checkVerdict.set(CheckWording.verdict(c.file(), c.subject(), report));
        checkBreaks.set(!c.result().passes());
        checkFindings.setAll(report.findings());
        DecodabilityCheck.Result records = c.result().records();
        if (records == null) {
            return;
        }
        checkTopic.set(CheckWording.topicLine(c.topic(), c.last(), c.subject(), records));
        checkFirstFailure.set(records.first() == null ? "" : "First record that would not decode: " + records.first());
    }

    private void clearCheck() {
        checking.set(false);
        checkVerdict.set("");
        checkBreaks.set(false);
        checkFindings.clear();
        checkTopic.set("");
        checkFirstFailure.set("");
        checkProblem.set("");
    }

    private void clearDetail() {
        shownSchema = null;
        schemaText.set("");
        schemaFacts.set("");
        references.clear();
        reference.set(null);
        referenceText.set("");
    }
}
