package dev.highwater.core.serve;

import dev.highwater.core.connect.ClientSettings;

/**
 * One cluster the lag service watches.
 *
 * @param name   what its series are labelled with ({@code cluster="…"}): its name in the clusters file, or its
 *               bootstrap servers when served alone
 * @param client how to reach it, secret references already resolved
 */
public record ServedCluster(String name, ClientSettings client) {
}
