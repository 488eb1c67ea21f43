package io.lakemesh.catalog.aws.loopback;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * STS AssumeRole and GetCallerIdentity (query protocol, XML answers). The session credentials
 * AssumeRole hands out name the role's account, so that calls signed with them are seen as that
 * account's and that role's; GetCallerIdentity answers with the account of the signing key.
 */
public final class FakeSts implements LoopbackAws.Handler {
  private final Map<String, String> accountsByKey;
  private final Map<String, String> rolesByKey;
  private final Map<String, String> trustPolicies = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> sessionTags =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The role's trust policy, as IAM holds it; roles without one trust every caller. */
  public void trustPolicy(String roleArn, String policyJson) {
    trustPolicies.put(roleArn, policyJson);
  }

  /** The session tags of the session whose credentials carry this access key. */
  public Map<String, String> sessionTags(String accessKey) {
    return sessionTags.getOrDefault(accessKey, Map.of());
  }

  FakeSts(Map<String, String> accountsByKey, Map<String, String> rolesByKey) {
    this.accountsByKey = accountsByKey;
    this.rolesByKey = rolesByKey;
  }

  @Override
  public String operation(HttpExchange exchange, String body) {
    return form(body).getOrDefault("Action", "");
  }

  @Override
  public LoopbackAws.Answer handle(LoopbackAws.Request request) {
    Map<String, String> form = form(request.body());
    if ("GetCallerIdentity".equals(request.operation())) {
      return callerIdentity(request.account());
    }
    if (!"AssumeRole".equals(request.operation())) {
      throw new LoopbackAws.AwsFault(LoopbackAws.error("sts", 400, "InvalidAction", "not served"));
    }
    String role = form.get("RoleArn");
    String account = role.split(":")[4];
    Map<String, String> tags = tags(form);
    // "Pass session tags in AWS STS": passing session tags needs sts:TagSession in the trust
    // policy of the role assumed, besides sts:AssumeRole.
    String trust = trustPolicies.get(role);
    if (!tags.isEmpty() && trust != null && !trust.contains("\"sts:TagSession\"")) {
      return new LoopbackAws.Answer(
          403,
          Map.of("Content-Type", "text/xml"),
          error(
              "AccessDenied",
              "User: arn:aws:iam::"
                  + request.account()
                  + ":user/loopback is not authorized to perform: sts:TagSession on resource: "
                  + role));
    }
    String key = "LOOPBACK-SESSION-" + account + (tags.isEmpty() ? "" : "-TAGGED");
    accountsByKey.put(key, account);
    // The session's calls are the assumed role's, so that a test can tell which role made each.
    rolesByKey.put(key, role);
    sessionTags.put(key, tags);
    String xml =
        "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
            + "<AssumedRoleUser><AssumedRoleId>AROALOOPBACK:"
            + form.get("RoleSessionName")
            + "</AssumedRoleId>"
            + "<Arn>arn:aws:sts::"
            + account
            + ":assumed-role/"
            + role.substring(role.indexOf('/') + 1)
            + "/"
            + form.get("RoleSessionName")
            + "</Arn></AssumedRoleUser>"
            + "<Credentials><AccessKeyId>"
            + key
            + "</AccessKeyId><SecretAccessKey>not-a-secret</SecretAccessKey>"
            + "<SessionToken>loopback-session-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
            + "</AssumeRoleResult><ResponseMetadata><RequestId>loopback-request</RequestId></ResponseMetadata></AssumeRoleResponse>";
    return new LoopbackAws.Answer(200, Map.of("Content-Type", "text/xml"), xml);
  }

  /** The Tags.member.N.Key / .Value pairs of an AssumeRole request. */
  private static Map<String, String> tags(Map<String, String> form) {
    Map<String, String> tags = new TreeMap<>();
    for (int n = 1; form.containsKey("Tags.member." + n + ".Key"); n++) {
      tags.put(form.get("Tags.member." + n + ".Key"), form.get("Tags.member." + n + ".Value"));
    }
    return tags;
  }

  /** Who signed the request: the account its access key belongs to. */
  private static LoopbackAws.Answer callerIdentity(String account) {
    String xml =
        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
            + "<GetCallerIdentityResult><Arn>arn:aws:sts::"
            + account
            + ":assumed-role/loopback/lakemesh</Arn><UserId>AROALOOPBACK:lakemesh</UserId>"
            + "<Account>"
            + account
            + "</Account></GetCallerIdentityResult>"
            + "<ResponseMetadata><RequestId>loopback-request</RequestId></ResponseMetadata>"
            + "</GetCallerIdentityResponse>";
    return new LoopbackAws.Answer(200, Map.of("Content-Type", "text/xml"), xml);
  }

  static String error(String code, String message) {
    return "<ErrorResponse"
        + " xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>"
        + code
        + "</Code><Message>"
        + message
        + "</Message></Error><RequestId>loopback-request</RequestId></ErrorResponse>";
  }

  static Map<String, String> form(String body) {
    Map<String, String> values = new TreeMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }
}
