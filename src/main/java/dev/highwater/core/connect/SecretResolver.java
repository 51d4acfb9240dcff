package dev.highwater.core.connect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves secret references: {@code ${env:NAME}} reads an environment variable, {@code ${file:PATH}} a file's
 * content (trailing line breaks removed). A reference that cannot be resolved is one sentence naming what it
 * was for and what to do; it never contains a secret.
 */
public final class SecretResolver {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    private final Function<String, String> environment;

    public SecretResolver(Function<String, String> environment) {
        this.environment = environment;
    }

    /** Resolves against this process's environment. */
    public static SecretResolver system() {
        return new SecretResolver(System::getenv);
    }

    static boolean isReference(String text) {
        return text != null && REFERENCE.matcher(text.strip()).matches();
    }

    /**
     * The secret's value.
     *
     * @param what what the secret is for, for the message ("the SASL password of profile prod")
     * @throws ConnectionSettingsException when a reference cannot be resolved
     */
    public String resolve(Secret secret, String what) {
        return secret == null ? "" : resolveIn(secret.text(), what);
    }

    /** Replaces every reference inside {@code text} (e.g. in a JAAS line from a properties file). */
    public String resolveIn(String text, String what) {
        if (text == null || !text.contains("${")) {
            return text == null ? "" : text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1).equals("env") ? env(m.group(2).strip(), what) : file(m.group(2).strip(), what);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String env(String name, String what) {
        String value = environment.apply(name);
        if (value == null) {
            throw new ConnectionSettingsException("The environment variable " + name + " is not set (" + what
                    + " refers to it as ${env:" + name + "}); set it before starting Highwater, or change the reference.");
        }
        return value;
    }

    private static String file(String path, String what) {
        try {
            return Files.readString(Path.of(path)).stripTrailing();
        } catch (NoSuchFileException e) {
            throw new ConnectionSettingsException("The file " + path + " does not exist (" + what
                    + " refers to it as ${file:" + path + "}).");
        } catch (IOException | RuntimeException e) {
            throw new ConnectionSettingsException("Cannot read the file " + path + " (" + what + " refers to it): "
                    + e.getClass().getSimpleName().replace("Exception", "").toLowerCase() + ".");
        }
    }
}
