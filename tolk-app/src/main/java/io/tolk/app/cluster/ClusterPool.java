package io.tolk.app.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tolk.store.StoreUrl;
import javax.sql.DataSource;

/**
 * The cluster's own connections to the shared PostgreSQL store (HikariCP): db-scheduler's polls and heartbeats, the
 * claim checks before write calls and the claim log. Kept apart from the store's connections, so a cycle holding
 * those never delays a heartbeat (a late heartbeat would hand the worker's connections to another).
 */
public final class ClusterPool implements AutoCloseable {

    private final HikariDataSource pool;

    private ClusterPool(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Opens a pool of {@code threads} + 2 connections to the store. */
    public static ClusterPool open(StoreUrl url, int threads) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            c.setUsername(url.user());
        }
        if (url.password() != null) {
            c.setPassword(url.password());
        }
        c.setPoolName("tolk-cluster");
        c.setMaximumPoolSize(threads + 2);
        c.setMinimumIdle(2);
        c.setConnectionTimeout(10_000);
        c.addDataSourceProperty("ApplicationName", "tolk-cluster");
        return new ClusterPool(new HikariDataSource(c));
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
