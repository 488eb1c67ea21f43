package io.lakemesh.catalog;

import java.util.regex.Pattern;

/**
 * Masks the credentials that URLs (JDBC URLs, a catalog server's URL) and the messages quoting them
 * may carry. Every place that prints a URL or an error message goes through {@link #mask(String)}:
 * the config listing, the server's start line, doctor and the CLI's errors.
 */
public final class UrlCredentials {
  // password=..., in a query string or a driver's property list, up to the next separator.
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)(password\\s*=\\s*)[^&;,\\s)]*");
  // user:secret@host in URL authority form.
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]+:)[^@/\\s]*@");

  private UrlCredentials() {}

  /** The text with every password parameter and {@code user:secret@} replaced by {@code ***}. */
  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    String masked = PASSWORD_PARAM.matcher(text).replaceAll("$1***");
    return USER_INFO.matcher(masked).replaceAll("$1***@");
  }
}
