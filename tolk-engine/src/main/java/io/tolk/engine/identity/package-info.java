/**
 * Rule 3, the keys records are matched on before anything is created: an organisation's normalised name, a person's
 * e-mail ({@link io.tolk.engine.identity.MatchKeyer}). The matching itself is part of planning
 * ({@code io.tolk.engine.plan.EntityPlanner}). Pure functions.
 */
package io.tolk.engine.identity;
