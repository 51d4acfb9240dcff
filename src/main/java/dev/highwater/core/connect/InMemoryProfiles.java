package dev.highwater.core.connect;

import java.util.ArrayList;
import java.util.List;

/** Profiles kept for the running app only (tests, and when there is no data folder). */
public final class InMemoryProfiles implements ProfileRepository {

    private final List<ConnectionProfile> profiles = new ArrayList<>();

    @Override
    public synchronized List<ConnectionProfile> load() {
        return List.copyOf(profiles);
    }

    @Override
    public synchronized void save(List<ConnectionProfile> all) {
        profiles.clear();
        all.stream().filter(p -> !p.demo()).forEach(profiles::add);
    }
}
