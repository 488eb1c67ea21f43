package io.lakemesh.runtime;

import io.lakemesh.spec.ProductSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A batch's identity: the product's table, contract and transform plus what each input held.
 * Committed with the snapshot, it lets a re-run after a crash recognise a batch that reached main.
 * Existing tables hold keys made this way: the text hashed must not change.
 */
final class BatchKeys {
  private BatchKeys() {}

  /**
   * @param transform the transform's code (SQL text, or the Java class name)
   * @param fingerprints each source's fingerprint by source name, in the spec's order
   */
  static String of(ProductSpec spec, String transform, Map<String, String> fingerprints) {
    StringBuilder text =
        new StringBuilder(spec.id())
            .append('|')
            .append(spec.version())
            .append('|')
            .append(spec.table())
            .append('|')
            .append(spec.schema())
            .append('\n')
            .append(transform)
            .append('\n');
    fingerprints.forEach(
        (source, fingerprint) -> text.append(source).append('=').append(fingerprint).append('\n'));
    return sha256(text.toString());
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
