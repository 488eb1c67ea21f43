package io.lakemesh.governance;

import java.util.Objects;

/** One LF-tag value assigned to a database, table or column. */
public record TagAssignment(TagTarget target, String key, String value) {
  public TagAssignment {
    Objects.requireNonNull(target, "target");
    LfTag.checkKey(key);
    LfTag.checkValue(value);
  }

  @Override
  public String toString() {
    return target + " " + key + "=" + value;
  }
}
