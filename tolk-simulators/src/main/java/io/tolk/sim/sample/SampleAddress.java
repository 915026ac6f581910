package io.tolk.sim.sample;

/** A postal address; countryCode is ISO 3166-1 alpha-2 (or, in a Zoho copy, sometimes a country name such as "Norway"). */
public record SampleAddress(String line1, String city, String zipCode, String countryCode) {
}
