package io.lakemesh.catalog.aws.loopback;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * STS AssumeRole and GetCallerIdentity (query protocol, XML answers). The session credentials
 * AssumeRole hands out name the role's account, so that calls signed with them are seen as that
 * account's and that role's, until they expire; a session policy narrows what they may do in S3.
 * GetCallerIdentity answers with the account of the signing key.
 */
public final class FakeSts implements LoopbackAws.Handler {
  private final Map<String, String> accountsByKey;
  private final Map<String, String> rolesByKey;
  private final Map<String, String> trustPolicies = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> sessionTags = new ConcurrentHashMap<>();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, Integer> maxSessionDurations = new ConcurrentHashMap<>();
  private final AtomicInteger scopedSessions = new AtomicInteger();
  private final AtomicLong elapsed = new AtomicLong();

  /** An assumed role's session: until when its credentials work, and its session policy. */
  private record Session(Instant expires, Optional<BucketPolicy> policy) {}

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
      return notAuthorized(request, "sts:TagSession", role);
    }
    // "Monitor and control actions taken with assumed roles": setting a source identity needs
    // sts:SetSourceIdentity in the role's trust policy.
    String sourceIdentity = form.get("SourceIdentity");
    if (sourceIdentity != null && trust != null && !trust.contains("\"sts:SetSourceIdentity\"")) {
      return notAuthorized(request, "sts:SetSourceIdentity", role);
    }
    // AssumeRole (AWS STS API Reference): DurationSeconds runs from 900 seconds up to the role's
    // maximum session duration, 3600 seconds unless the role sets another; 3600 by default.
    int duration = Integer.parseInt(form.getOrDefault("DurationSeconds", "3600"));
    if (duration < 900) {
      return invalid(
          "ValidationError",
          "1 validation error detected: Value '"
              + duration
              + "' at 'durationSeconds' failed to satisfy constraint: Member must have value"
              + " greater than or equal to 900");
    }
    if (duration > maxSessionDurations.getOrDefault(role, 3600)) {
      return invalid(
          "ValidationError",
          "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }
    BucketPolicy sessionPolicy = null;
    if (form.containsKey("Policy")) {
      try {
        sessionPolicy = BucketPolicy.parse(form.get("Policy"));
      } catch (IllegalArgumentException e) {
        return invalid("MalformedPolicyDocument", "The policy is not in the valid JSON format.");
      }
    }
    // A session narrowed by a session policy gets a key of its own, since what its calls may do
    // depends on that session; the others share one key per account (and tagging), which the
    // suites reading their tags name.
    String key =
        "LOOPBACK-SESSION-"
            + account
            + (tags.isEmpty() ? "" : "-TAGGED")
            + (sessionPolicy == null ? "" : "-SCOPED-" + scopedSessions.incrementAndGet());
    Instant expires = now().plusSeconds(duration);
    accountsByKey.put(key, account);
    // The session's calls are the assumed role's, so that a test can tell which role made each.
    rolesByKey.put(key, role);
    sessionTags.put(key, tags);
    sessions.put(key, new Session(expires, Optional.ofNullable(sessionPolicy)));
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
            + (sourceIdentity == null
                ? ""
                : "<SourceIdentity>" + sourceIdentity + "</SourceIdentity>")
            + "<Credentials><AccessKeyId>"
            + key
            + "</AccessKeyId><SecretAccessKey>not-a-secret</SecretAccessKey>"
            + "<SessionToken>loopback-session-token</SessionToken><Expiration>"
            + expires
            + "</Expiration></Credentials>"
            + "</AssumeRoleResult><ResponseMetadata><RequestId>loopback-request</RequestId></ResponseMetadata></AssumeRoleResponse>";
    return new LoopbackAws.Answer(200, Map.of("Content-Type", "text/xml"), xml);
  }

  /**
   * A session's calls may do only what both its role's policies and its session policy allow: "the
   * resulting session's permissions are the intersection of the role's identity-based policy and
   * the session policies" (IAM User Guide, "Permissions for AssumeRole, AssumeRoleWithSAML, and
   * AssumeRoleWithWebIdentity"; "Session policies" in "Policies and permissions in AWS Identity and
   * Access Management"). The loopback models no identity policies of roles, so this is the session
   * policy; empty for a session without one, or a key that is no session's.
   */
  Optional<BucketPolicy> sessionPolicy(String accessKey) {
    Session session = sessions.get(accessKey);
    return session == null ? Optional.empty() : session.policy();
  }

  /** Whether the key is a session's whose credentials have expired. */
  boolean expired(String accessKey) {
    Session session = sessions.get(accessKey);
    return session != null && !now().isBefore(session.expires());
  }

  /** The role's maximum session duration (IAM's MaxSessionDuration; 3600 seconds unless set). */
  public void maxSessionDuration(String roleArn, int seconds) {
    maxSessionDurations.put(roleArn, seconds);
  }

  /** Moves the services' clock on, as if that much time had passed (sessions expire by it). */
  public void elapse(Duration time) {
    elapsed.accumulateAndGet(time.toMillis(), Long::sum);
  }

  private Instant now() {
    return Instant.now().plusMillis(elapsed.get());
  }

  private static LoopbackAws.Answer notAuthorized(
      LoopbackAws.Request request, String action, String role) {
    return new LoopbackAws.Answer(
        403,
        Map.of("Content-Type", "text/xml"),
        error(
            "AccessDenied",
            "User: arn:aws:iam::"
                + request.account()
                + ":user/loopback is not authorized to perform: "
                + action
                + " on resource: "
                + role));
  }

  private static LoopbackAws.Answer invalid(String code, String message) {
    return new LoopbackAws.Answer(400, Map.of("Content-Type", "text/xml"), error(code, message));
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
