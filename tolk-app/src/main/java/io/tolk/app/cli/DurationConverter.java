package io.tolk.app.cli;

import io.tolk.app.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A command-line duration written as in tolk.yaml ({@code 30s}, {@code 5m}, {@code 1h}). */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (RuntimeException e) {
            throw new TypeConversionException("'" + value + "' is not a duration; write it like 30s, 5m or 1h");
        }
    }
}
