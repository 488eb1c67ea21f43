package io.lakemesh.server.iceberg;

import io.lakemesh.client.WireJson;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.AccessToken;
import io.lakemesh.server.AccessTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.rest.RESTUtil;
import org.apache.iceberg.rest.responses.OAuthTokenResponse;

/**
 * {@code POST /v1/oauth/tokens}, the OAuth2 client-credentials exchange Iceberg's clients make when
 * given {@code credential=ID:SECRET}: the pair is a lakemesh access token {@code lmt_ID_SECRET} in
 * two parts, and the answer is that token, valid as long as it is. Nothing new is issued; a bad
 * pair is refused as a bad bearer token is. Errors follow RFC 6749 section 5.2.
 */
final class OAuthTokens {
  static final String CLIENT_CREDENTIALS = "client_credentials";
  private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

  private final AccessTokens tokens;
  private final Clock clock;

  OAuthTokens(AccessTokens tokens, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
  }

  IcebergRest.Answer exchange(String form) {
    Map<String, String> request = RESTUtil.decodeFormData(form == null ? "" : form);
    String grant = request.get("grant_type");
    if (!CLIENT_CREDENTIALS.equals(grant)) {
      return error(
          400,
          "unsupported_grant_type",
          "grant_type "
              + grant
              + " is not served: send grant_type=client_credentials with"
              + " client_id and client_secret (the two parts of a lakemesh token lmt_ID_SECRET);"
              + " a token is not refreshed, create a new one with bin/lakemesh token create");
    }
    String id = request.get("client_id");
    String secret = request.get("client_secret");
    if (id == null || secret == null || id.isBlank() || secret.isBlank()) {
      return error(
          400,
          "invalid_request",
          "client_id and client_secret are required: the ID and SECRET of a lakemesh token"
              + " lmt_ID_SECRET (Iceberg's credential=ID:SECRET)");
    }
    String text = "lmt_" + id + "_" + secret;
    AccessToken token;
    try {
      token = tokens.authenticated(text);
    } catch (AccessDeniedException e) {
      return error(
          401,
          "invalid_client",
          e.getMessage()
              + "; create a token with bin/lakemesh token create and pass it as"
              + " credential=ID:SECRET");
    }
    OAuthTokenResponse.Builder answer =
        OAuthTokenResponse.builder()
            .withToken(text)
            .withTokenType("bearer")
            .withIssuedTokenType(ACCESS_TOKEN_TYPE);
    if (token.expiresAt() != null) {
      long seconds = Duration.between(clock.instant(), token.expiresAt()).toSeconds();
      answer.setExpirationInSeconds((int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds)));
    }
    return IcebergRest.Answer.json(200, IcebergJson.write(answer.build()), null);
  }

  private static IcebergRest.Answer error(int status, String code, String description) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("error_description", description);
    return IcebergRest.Answer.json(status, WireJson.write(body), code);
  }
}
