package io.lakemesh.governance;

import io.lakemesh.catalog.Names;
import io.lakemesh.exceptions.InvalidIdentifierException;
import java.util.Objects;

/**
 * Who acts: an account's administrator ({@code marketing}) or a principal inside an account ({@code
 * marketing:analyst}, like an IAM role in an AWS account). Both parts follow the account name rules
 * of {@link Names}, so a principal never carries quotes, dots, paths or SQL.
 *
 * @param account the account id
 * @param name the principal's name inside the account; empty for the account's administrator
 */
public record Principal(String account, String name) implements Comparable<Principal> {
  private static final String EXPECTED = "ACCOUNT or ACCOUNT:NAME, each [a-z][a-z0-9_-]{0,62}";

  public Principal {
    name = name == null ? "" : name;
    try {
      Names.account(account);
      if (!name.isEmpty()) {
        Names.account(name);
      }
    } catch (InvalidIdentifierException e) {
      throw new InvalidIdentifierException(
          "principal", account + (name.isEmpty() ? "" : ":" + name), EXPECTED);
    }
  }

  /** Parses {@code ACCOUNT} or {@code ACCOUNT:NAME}. */
  public static Principal parse(String text) {
    if (text == null) {
      throw new InvalidIdentifierException("principal", null, EXPECTED);
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      return administrator(text);
    }
    String name = text.substring(colon + 1);
    if (name.isEmpty()) {
      throw new InvalidIdentifierException("principal", text, EXPECTED);
    }
    return new Principal(text.substring(0, colon), name);
  }

  public static Principal administrator(String account) {
    return new Principal(account, "");
  }

  public static Principal of(String account, String name) {
    Objects.requireNonNull(name, "name");
    return new Principal(account, name);
  }

  /** True for the account's administrator, who acts for the whole account. */
  public boolean isAdministrator() {
    return name.isEmpty();
  }

  public boolean isAdministratorOf(String accountId) {
    return isAdministrator() && account.equals(accountId);
  }

  @Override
  public int compareTo(Principal other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public String toString() {
    return name.isEmpty() ? account : account + ":" + name;
  }
}
