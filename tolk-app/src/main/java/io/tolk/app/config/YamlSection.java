package io.tolk.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping of tolk.yaml, read key by key. Every value is read through here so that each mistake becomes a
 * {@link ConfigException} naming the dotted key path and the line: unknown keys (with a did-you-mean), duplicate
 * keys, wrong types, bad words, missing required keys. Scalars pass through {@code ${ENV_VAR}} substitution.
 */
final class YamlSection {

    private final Node node;
    private final String path;
    private final EnvSubstitution env;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private YamlSection(Node node, String path, EnvSubstitution env) {
        this.node = node;
        this.path = path;
        this.env = env;
    }

    /** The mapping at {@code node}; a ConfigException if it is something else. */
    static YamlSection of(Node node, String path, EnvSubstitution env) {
        if (!(node instanceof MappingNode mapping)) {
            throw new ConfigException(path.isEmpty() ? "(top level)" : path, line(node),
                    "expected a section of 'key: value' lines, found " + describe(node));
        }
        YamlSection section = new YamlSection(node, path, env);
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar)) {
                throw new ConfigException(path, line(keyNode), "keys must be plain words");
            }
            String key = scalar.getValue();
            if (section.entries.containsKey(key)) {
                throw new ConfigException(section.keyPath(key), line(keyNode), "appears twice in the same section (first on line "
                        + line(section.entries.get(key).getKeyNode()) + ")");
            }
            section.entries.put(key, tuple);
        }
        return section;
    }

    /** Fails on the first key that is not one of {@code known}, suggesting the closest known key. */
    YamlSection allowOnly(String... known) {
        List<String> knownList = Arrays.asList(known);
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!knownList.contains(e.getKey())) {
                throw new ConfigException(keyPath(e.getKey()), line(e.getValue().getKeyNode()),
                        "unknown key" + DidYouMean.hint(e.getKey(), knownList));
            }
        }
        return this;
    }

    EnvSubstitution env() {
        return env;
    }

    String path() {
        return path;
    }

    /** 1-based line of this section (its first key). */
    int line() {
        return line(node);
    }

    String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    List<String> keys() {
        return new ArrayList<>(entries.keySet());
    }

    /** True if the key is present with a non-null value. */
    boolean has(String key) {
        NodeTuple t = entries.get(key);
        return t != null && !isNull(t.getValueNode());
    }

    /** The line of the key (of the section if absent). */
    int lineOf(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? line() : line(t.getKeyNode());
    }

    Node valueNode(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getValueNode();
    }

    /** A nested section, if present. */
    Optional<YamlSection> section(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        return Optional.of(of(valueNode(key), keyPath(key), env));
    }

    /** A list's items, if present (empty list if absent). */
    List<Node> list(String key) {
        if (!has(key)) {
            return List.of();
        }
        Node value = valueNode(key);
        if (!(value instanceof SequenceNode seq)) {
            throw new ConfigException(keyPath(key), line(value), "expected a list (lines starting with '- '), found "
                    + describe(value));
        }
        return seq.getValue();
    }

    /** The text of a scalar value after ${ENV} substitution; empty if absent, null or blank. */
    Optional<String> text(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        Node value = valueNode(key);
        if (!(value instanceof ScalarNode scalar)) {
            throw new ConfigException(keyPath(key), line(value), "expected a single value, found " + describe(value));
        }
        String text = env.apply(scalar.getValue(), keyPath(key), line(value));
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.trim());
    }

    String requiredText(String key, String example) {
        return text(key).orElseThrow(() -> missing(key, example));
    }

    ConfigException missing(String key, String example) {
        String how = example == null ? "" : "; add e.g. '" + key + ": " + example + "'";
        if (entries.containsKey(key)) {
            return new ConfigException(keyPath(key), lineOf(key), "has no value" + how);
        }
        return new ConfigException(keyPath(key), line(), "is missing" + how);
    }

    Optional<Secret> secret(String key) {
        return text(key).map(Secret::of);
    }

    Secret requiredSecret(String key, String envExample) {
        Optional<Secret> secret = secret(key);
        if (secret.isEmpty() && env.lenient()) {
            return Secret.of("");
        }
        return secret.orElseThrow(() -> missing(key, "${" + envExample + "}"));
    }

    boolean bool(String key, boolean fallback) {
        return optionalBool(key).orElse(fallback);
    }

    Optional<Boolean> optionalBool(String key) {
        return text(key).map(t -> switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> throw new ConfigException(keyPath(key), lineOfValue(key), shown(key, t) + " is not true or false");
        });
    }

    int integer(String key, int fallback, int min, int max) {
        Optional<String> t = text(key);
        if (t.isEmpty()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(t.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(keyPath(key), lineOfValue(key), shown(key, t.get()) + " is not a whole number");
        }
        if (value < min || value > max) {
            throw new ConfigException(keyPath(key), lineOfValue(key), value + " is out of range; use " + min + " to " + max);
        }
        return value;
    }

    Duration duration(String key, Duration fallback) {
        Optional<String> t = text(key);
        if (t.isEmpty()) {
            return fallback;
        }
        Duration d;
        try {
            d = Durations.parse(t.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(keyPath(key), lineOfValue(key), shown(key, t.get())
                    + " is not a duration; write it like 30s, 5m, 1h or 500ms");
        }
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException(keyPath(key), lineOfValue(key), "must be longer than zero");
        }
        return d;
    }

    /** One of the given words (case-insensitive), returned as spelt in {@code words}. */
    Optional<String> word(String key, String... words) {
        return text(key).map(t -> {
            for (String w : words) {
                if (w.equalsIgnoreCase(t)) {
                    return w;
                }
            }
            String hint = shown(key, t).startsWith("'" + t) ? DidYouMean.hint(t, Arrays.asList(words))
                    : " (known: " + String.join(", ", words) + ")";
            throw new ConfigException(keyPath(key), lineOfValue(key), shown(key, t) + " is not allowed here"
                    + hint.replace(" (known: ", " (allowed: "));
        });
    }

    /**
     * A list of distinct words, each one of {@code words} (case-insensitive, returned as spelt there); empty when
     * absent. Written as lines starting with '- ' or as {@code [a, b]}; {@code []} is an empty list.
     */
    List<String> words(String key, String... words) {
        if (!entries.containsKey(key) || isNull(valueNode(key))) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        List<Node> items = list(key);
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String path = keyPath(key) + "[" + i + "]";
            if (!(item instanceof ScalarNode scalar) || isNull(item)) {
                throw new ConfigException(path, line(item), "expected one of " + String.join(", ", words)
                        + ", found " + describe(item));
            }
            String t = scalar.getValue().trim();
            String match = Arrays.stream(words).filter(w -> w.equalsIgnoreCase(t)).findFirst()
                    .orElseThrow(() -> new ConfigException(path, line(item), "'" + t + "' is not allowed here"
                            + DidYouMean.hint(t, Arrays.asList(words)).replace(" (known: ", " (allowed: ")));
            if (out.contains(match)) {
                throw new ConfigException(path, line(item), "'" + match + "' is listed twice");
            }
            out.add(match);
        }
        return List.copyOf(out);
    }

    Optional<URI> url(String key, String example) {
        return text(key).map(t -> {
            try {
                URI uri = new URI(t);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return t.endsWith("/") ? new URI(t.substring(0, t.length() - 1)) : uri;
                }
            } catch (URISyntaxException e) {
                // the message below says what is expected
            }
            throw new ConfigException(keyPath(key), lineOfValue(key), shown(key, t) + " is not an http(s) URL; write it like "
                    + example);
        });
    }

    /**
     * How to show a value in a message: quoted as written, except that a value which came from an environment
     * variable is shown as the reference ({@code '${NAME}'}), never as what it holds (it may be a secret).
     */
    String shown(String key, String value) {
        Node v = valueNode(key);
        if (v instanceof ScalarNode s && s.getValue().contains("${")) {
            return "'" + s.getValue() + "' (from the environment)";
        }
        return "'" + value + "'";
    }

    int lineOfValue(String key) {
        Node v = valueNode(key);
        return v == null ? lineOf(key) : line(v);
    }

    static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode s && Tag.NULL.equals(s.getTag()));
    }

    static String describe(Node node) {
        if (node instanceof ScalarNode s) {
            return isNull(s) ? "nothing" : "'" + s.getValue() + "'";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a section";
        }
        return "something else";
    }
}
