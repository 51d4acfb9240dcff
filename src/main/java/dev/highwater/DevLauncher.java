package dev.highwater;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the app for {@code ./mvnw javafx:run}. That plugin leaves off the class path the jars it cannot name
 * as modules (Kafka's broker, {@code kafka_2.13}), so the embedded demo could not start; this loads the app
 * over {@code target/classes} and the dependency list the build writes to {@code target/classpath.txt},
 * looking there first, with JavaFX still coming from the plugin's module path.
 */
public final class DevLauncher {

    private DevLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(System.getProperty("highwater.target", "target"));
        List<URL> urls = new ArrayList<>();
        urls.add(target.resolve("classes").toUri().toURL());
        for (String entry : Files.readString(target.resolve("classpath.txt")).strip().split(File.pathSeparator)) {
            if (!entry.isBlank() && !Path.of(entry).getFileName().toString().startsWith("javafx-")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        ClassLoader app = new AppFirstLoader(urls.toArray(URL[]::new), DevLauncher.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(app);
        try {
            app.loadClass("dev.highwater.Launcher").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : new IOException(e.getCause());
        }
    }

    /** Looks in the app's own URLs before its parent, except for the JDK and JavaFX. */
    private static final class AppFirstLoader extends URLClassLoader {

        AppFirstLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && !fromParent(name)) {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException notHere) {
                        // the parent may have it
                    }
                }
                if (c == null) {
                    c = super.loadClass(name, false);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }

        private static boolean fromParent(String name) {
            return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("javafx.")
                    || name.startsWith("jdk.") || name.startsWith("sun.") || name.startsWith("com.sun.");
        }
    }
}
