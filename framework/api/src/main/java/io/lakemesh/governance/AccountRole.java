package io.lakemesh.governance;

import io.lakemesh.exceptions.InvalidConfigException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an account does in the mesh; an account may have several roles. */
public enum AccountRole {
  PRODUCER,
  CONSUMER,
  GOVERNANCE;

  /** The lower-case name used in the mesh config. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AccountRole parse(String text) {
    for (AccountRole role : values()) {
      if (role.configName().equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) {
        return role;
      }
    }
    throw new InvalidConfigException(
        "roles",
        "unknown account role '"
            + text
            + "': expected one of "
            + Arrays.stream(values())
                .map(AccountRole::configName)
                .collect(Collectors.joining(", ")));
  }
}
