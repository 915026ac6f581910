package io.tolk.engine.values;

/** How a country is written to Zoho: as its ISO alpha-2 code (the default) or its English name. */
public enum CountryFormat { CODE, ENGLISH_NAME }
