package io.lakemesh.config;

/** One environment setting: its HOCON path, default, meaning, and whether it is a secret. */
public record Setting(String path, String defaultValue, String description, boolean secret) {
  static Setting of(String path, String defaultValue, String description) {
    return new Setting(path, defaultValue, description, false);
  }

  static Setting secret(String path, String description) {
    return new Setting(path, null, description, true);
  }
}
