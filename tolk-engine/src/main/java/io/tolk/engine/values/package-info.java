/**
 * Values as tolk compares them: canonical forms ({@link io.tolk.engine.values.Values}), country codes from the JDK's
 * locale data ({@link io.tolk.engine.values.CountryCodes}), match keys for linking
 * ({@link io.tolk.engine.values.MatchKeys}) and checks of outgoing values against a system's field rules
 * ({@link io.tolk.engine.values.FieldChecks}).
 */
package io.tolk.engine.values;
