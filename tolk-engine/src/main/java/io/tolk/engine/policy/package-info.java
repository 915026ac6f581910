/**
 * The policies of one connection's sync, as tolk.yaml's {@code sync:} section sets them: who wins a tie, what a
 * deletion does, how countries are written, when failed records are tried again, and the guard against mass deletes.
 */
package io.tolk.engine.policy;
