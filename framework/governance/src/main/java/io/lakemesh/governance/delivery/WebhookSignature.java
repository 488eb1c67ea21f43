package io.lakemesh.governance.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a webhook checks: {@value #SIGNATURE_HEADER}{@code : sha256=HEX}, the HMAC-SHA256,
 * keyed with the subscription's secret, of the {@value #TIMESTAMP_HEADER} value (seconds since the
 * epoch), a dot, and the request body's bytes. Signing the time with the body lets a receiver
 * refuse an old request replayed (say, one older than five minutes).
 */
public final class WebhookSignature {
  public static final String SIGNATURE_HEADER = "X-Lakemesh-Signature";
  public static final String TIMESTAMP_HEADER = "X-Lakemesh-Timestamp";
  private static final String ALGORITHM = "HmacSHA256";

  private WebhookSignature() {}

  /** {@code sha256=HEX} for the body sent at {@code epochSeconds}. */
  public static String sign(String secret, long epochSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
    }
  }
}
