package dev.highwater.core;

/** A registration that stays active until closed; closing twice is harmless. */
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
