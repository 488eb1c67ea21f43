package io.lakemesh.catalog.jdbc;

import java.util.regex.Pattern;

/** Masks credentials that JDBC URLs and driver messages may carry. */
final class Redaction {
  // password=..., in a query string or a driver's property list, up to the next separator.
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)(password\\s*=\\s*)[^&;,\\s)]*");
  // user:secret@host in URL authority form.
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]+:)[^@/\\s]*@");

  private Redaction() {}

  static String redact(String text) {
    if (text == null) {
      return null;
    }
    String masked = PASSWORD_PARAM.matcher(text).replaceAll("$1***");
    return USER_INFO.matcher(masked).replaceAll("$1***@");
  }
}
