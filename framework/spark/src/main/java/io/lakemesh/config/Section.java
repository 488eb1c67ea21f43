package io.lakemesh.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.lakemesh.exceptions.InvalidConfigException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A strictly read HOCON object: unknown keys and wrong types are errors that name the file, the
 * line and the full key, so a typo in a spec never silently falls back to a default.
 */
public final class Section {
  private final Config config;
  private final String path;
  private final ConfigOrigin origin;

  private Section(Config config, String path, ConfigOrigin origin) {
    this.config = config;
    this.path = path;
    this.origin = origin;
  }

  /** The root of a file, allowing only {@code allowed} keys at the top. */
  public static Section root(Config config, Set<String> allowed) {
    Section root = new Section(config, "", config.origin());
    root.allowOnly(allowed);
    return root;
  }

  public Section allowOnly(Set<String> allowed) {
    for (Map.Entry<String, ConfigValue> entry : config.root().entrySet()) {
      if (!allowed.contains(entry.getKey())) {
        throw error(
            entry.getValue().origin(),
            entry.getKey(),
            "unknown key (expected one of " + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
    return this;
  }

  /** The file {@code key}'s value was read from, or null when it has none (a default, a merge). */
  public String fileOf(String key) {
    return has(key) ? config.getValue(quote(key)).origin().filename() : null;
  }

  public boolean has(String key) {
    return config.hasPath(quote(key));
  }

  public String string(String key) {
    return read(key, config::getString);
  }

  public Optional<String> optString(String key) {
    return has(key) ? Optional.of(string(key)) : Optional.empty();
  }

  public int integer(String key) {
    return read(key, config::getInt);
  }

  public Optional<Double> optDouble(String key) {
    return has(key) ? Optional.of(read(key, config::getDouble)) : Optional.empty();
  }

  public Optional<Long> optLong(String key) {
    return has(key) ? Optional.of(read(key, config::getLong)) : Optional.empty();
  }

  public boolean bool(String key, boolean fallback) {
    return has(key) ? read(key, config::getBoolean) : fallback;
  }

  public Duration duration(String key) {
    return read(key, config::getDuration);
  }

  /** The unit {@link #duration} was written in, for messages to speak in it. */
  public ChronoUnit durationUnit(String key) {
    ChronoUnit written = Durations.unitOf(string(key));
    return written != null ? written : Durations.largestWholeUnit(duration(key));
  }

  public List<String> stringList(String key) {
    if (!has(key)) {
      return List.of();
    }
    if (config.getValue(quote(key)).valueType() == ConfigValueType.STRING) {
      return List.of(string(key)); // a single value where a list is expected reads as one item
    }
    return read(key, config::getStringList);
  }

  /**
   * A nested object of free keys and scalar values (tags, options, properties), flattened so that
   * {@code s3.endpoint = x} and {@code s3 { endpoint = x }} both give key {@code s3.endpoint}.
   */
  public Map<String, String> stringMap(String key) {
    Map<String, String> out = new TreeMap<>();
    if (!has(key)) {
      return out;
    }
    Config nested = read(key, config::getConfig);
    for (Map.Entry<String, ConfigValue> entry : nested.entrySet()) {
      ConfigValue value = entry.getValue();
      String name = String.join(".", ConfigUtil.splitPath(entry.getKey()));
      if (value.valueType() == ConfigValueType.LIST) {
        throw error(value.origin(), key + "." + name, "expected a plain value");
      }
      out.put(name, String.valueOf(value.unwrapped()));
    }
    return out;
  }

  public Section section(String key, Set<String> allowed) {
    Config nested = read(key, config::getConfig);
    return new Section(nested, full(key), config.getValue(quote(key)).origin()).allowOnly(allowed);
  }

  /** The keys of a nested object whose values are objects themselves (named entries). */
  public List<String> keys(String key) {
    return has(key) ? new ArrayList<>(read(key, config::getConfig).root().keySet()) : List.of();
  }

  /**
   * Entry {@code name} of the object at {@code key}, whose other entries are checked separately.
   */
  public Section named(String key, String name, Set<String> allowed) {
    Config nested = read(key, config::getConfig);
    return new Section(nested, full(key), config.getValue(quote(key)).origin())
        .section(name, allowed);
  }

  public List<Section> sectionList(String key, Set<String> allowed) {
    List<Section> out = new ArrayList<>();
    if (!has(key)) {
      return out;
    }
    List<? extends Config> items = read(key, config::getConfigList);
    for (int i = 0; i < items.size(); i++) {
      Config item = items.get(i);
      out.add(new Section(item, full(key) + "[" + i + "]", item.origin()).allowOnly(allowed));
    }
    return out;
  }

  /** An error about a key of this section, pointing at where the key (or section) was written. */
  public InvalidConfigException invalid(String key, String problem) {
    ConfigOrigin at = has(key) ? config.getValue(quote(key)).origin() : origin;
    return error(at, key, problem);
  }

  /** The flattened entries of the {@code spark} object (keys such as spark.executor.memory). */
  public Set<Map.Entry<String, ConfigValue>> sparkEntries() {
    return has("spark") ? read("spark", config::getConfig).entrySet() : Set.of();
  }

  public String path() {
    return path;
  }

  private <T> T read(String key, Function<String, T> getter) {
    try {
      return getter.apply(quote(key));
    } catch (ConfigException.Null e) {
      throw error(origin, key, "must not be null");
    } catch (ConfigException.Missing e) {
      throw error(origin, key, "missing required key");
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      String detail = e.getMessage();
      int colon = detail.lastIndexOf(": ");
      throw error(config.getValue(quote(key)).origin(), key, detail.substring(colon + 2));
    }
  }

  private InvalidConfigException error(ConfigOrigin at, String key, String problem) {
    return new InvalidConfigException(
        full(key), where(at) + ": key '" + full(key) + "': " + problem);
  }

  private String full(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** {@code file:line}, the form editors and terminals turn into links. */
  public static String where(ConfigOrigin at) {
    if (at == null) {
      return "<config>";
    }
    String file = at.filename() != null ? at.filename() : at.description();
    return at.lineNumber() > 0 ? file + ":" + at.lineNumber() : file;
  }

  private static String quote(String key) {
    return ConfigUtil.joinPath(key);
  }
}
