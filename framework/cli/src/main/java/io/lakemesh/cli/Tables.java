package io.lakemesh.cli;

import io.lakemesh.catalog.TableId;

/** How the CLI names tables: {@code DB.TABLE} lives in the account named like its database. */
final class Tables {
  private Tables() {}

  static TableId parse(String text) {
    int colon = text.indexOf(':');
    if (colon >= 0) {
      return TableId.parse(text, null);
    }
    int dot = text.indexOf('.');
    return TableId.parse(text, dot > 0 ? text.substring(0, dot) : text);
  }
}
