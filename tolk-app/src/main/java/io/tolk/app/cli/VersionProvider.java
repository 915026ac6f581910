package io.tolk.app.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest when packaged, else "development build". */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = TolkCommand.class.getPackage().getImplementationVersion();
        return new String[] {"tolk " + (version == null ? "(development build)" : version)};
    }
}
