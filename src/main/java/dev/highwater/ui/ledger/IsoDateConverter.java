package dev.highwater.ui.ledger;

import javafx.util.StringConverter;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The date pickers' text: ISO dates (yyyy-MM-dd) as everywhere else in the app, whatever the system's locale.
 * A date that does not read keeps the date chosen before and is reported in one sentence, so a typo loses nothing.
 */
final class IsoDateConverter extends StringConverter<LocalDate> {

    static final String PATTERN = "yyyy-MM-dd";

    private final Supplier<LocalDate> current;
    private final Consumer<String> problem;

    /**
     * @param current the date chosen now, kept when the text does not read
     * @param problem told, in one sentence, why a text did not read
     */
    IsoDateConverter(Supplier<LocalDate> current, Consumer<String> problem) {
        this.current = current;
        this.problem = problem;
    }

    @Override
    public String toString(LocalDate date) {
        return date == null ? "" : DateTimeFormatter.ISO_LOCAL_DATE.format(date);
    }

    @Override
    public LocalDate fromString(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(t, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            problem.accept("Cannot read the date '" + t + "'; use " + PATTERN + ", e.g. 2026-12-06.");
            return current.get();
        }
    }
}
