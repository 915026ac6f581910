/**
 * {@code tolk run --cluster}: several worker processes share one PostgreSQL store and divide the connections between
 * them through db-scheduler ({@link io.tolk.app.cluster.ClusterScheduler}, behind the service's
 * {@link io.tolk.app.service.CycleScheduler}). A connection is run by one worker at a time: the worker that claimed
 * its row of the shared schedule. Each claim has a generation (the row's version, which every claim raises); a
 * worker checks it before every write call it sends ({@link io.tolk.app.cluster.ClaimFence}), so a worker that was
 * paused longer than its lease and resumes sends nothing more once another has claimed the connection. The claims are
 * logged ({@link io.tolk.app.cluster.ClaimLog}) for audits and the cluster test.
 */
package io.tolk.app.cluster;
