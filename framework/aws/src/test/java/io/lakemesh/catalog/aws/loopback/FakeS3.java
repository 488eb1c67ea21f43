package io.lakemesh.catalog.aws.loopback;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * S3 addressed by path ({@code /bucket/key}): GetObject (with If-None-Match), PutObject (with the
 * conditional writes If-None-Match: * and If-Match), ListObjectsV2 with prefix, delimiter,
 * start-after and paging, and DeleteObject. ETags are the MD5 of the content, as for single-part
 * uploads.
 */
public final class FakeS3 implements LoopbackAws.Handler {
  private static final int PAGE = 1000;

  private record Stored(String body, String etag) {}

  private final NavigableMap<String, Stored> objects = new TreeMap<>();
  private final Map<String, String> owners = new TreeMap<>();
  private final Map<String, BucketPolicy> policies = new TreeMap<>();
  private Function<String, Optional<BucketPolicy>> sessionPolicies = key -> Optional.empty();

  /** The bucket belongs to this AWS account (a bucket's owner is the account that created it). */
  public synchronized void ownedBy(String bucket, String awsAccountId) {
    owners.put(bucket, awsAccountId);
  }

  /** The bucket's policy (PutBucketPolicy), as its owner sets it. */
  public synchronized void bucketPolicy(String bucket, String json) {
    policies.put(bucket, BucketPolicy.parse(json));
  }

  /** The AWS account that owns the bucket, when a test said so. */
  public synchronized Optional<String> owner(String bucket) {
    return Optional.ofNullable(owners.get(bucket));
  }

  /** Changes an object behind lakemesh's back, as someone with write access to the bucket could. */
  public synchronized void overwrite(String bucket, String key, String body) {
    objects.put(bucket + "/" + key, new Stored(body, etag(body)));
  }

  public synchronized void delete(String bucket, String key) {
    objects.remove(bucket + "/" + key);
  }

  public synchronized String read(String bucket, String key) {
    Stored s = objects.get(bucket + "/" + key);
    return s == null ? null : s.body();
  }

  public synchronized TreeSet<String> keys(String bucket) {
    TreeSet<String> keys = new TreeSet<>();
    objects.keySet().stream()
        .filter(k -> k.startsWith(bucket + "/"))
        .forEach(k -> keys.add(k.substring(bucket.length() + 1)));
    return keys;
  }

  @Override
  public String operation(HttpExchange exchange, String body) {
    String method = exchange.getRequestMethod();
    String query = exchange.getRequestURI().getRawQuery();
    boolean bucketOnly = path(exchange).indexOf('/') < 0;
    return switch (method) {
      case "GET" ->
          bucketOnly && query != null && query.contains("list-type=2")
              ? "ListObjectsV2"
              : "GetObject";
      case "PUT" -> "PutObject";
      case "DELETE" -> "DeleteObject";
      case "HEAD" -> "HeadObject";
      default -> method;
    };
  }

  @Override
  public synchronized LoopbackAws.Answer handle(LoopbackAws.Request request) {
    HttpExchange exchange = request.exchange();
    String path = path(exchange);
    String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
    String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
    Stored current = objects.get(path);
    if (!allowed(request, path, ifMatch, ifNoneMatch)) {
      return fail(403, "AccessDenied", "Access Denied");
    }
    return switch (request.operation()) {
      case "ListObjectsV2" -> list(path, query(exchange));
      case "GetObject", "HeadObject" -> {
        if (current == null) {
          yield fail(404, "NoSuchKey", "The specified key does not exist.");
        }
        if (ifNoneMatch != null && ifNoneMatch.equals(current.etag())) {
          yield new LoopbackAws.Answer(304, Map.of("ETag", current.etag()), "");
        }
        yield new LoopbackAws.Answer(
            200,
            Map.of(
                "ETag",
                current.etag(),
                "Content-Type",
                "application/x-ndjson",
                "Last-Modified",
                "Wed, 01 May 2024 10:00:00 GMT"),
            current.body());
      }
      case "PutObject" -> {
        if ("*".equals(ifNoneMatch) && current != null) {
          yield fail(
              412,
              "PreconditionFailed",
              "At least one of the pre-conditions you specified did not hold");
        }
        if (ifMatch != null && (current == null ? true : !ifMatch.equals(current.etag()))) {
          yield current == null
              ? fail(404, "NoSuchKey", "The specified key does not exist.")
              : fail(
                  412,
                  "PreconditionFailed",
                  "At least one of the pre-conditions you specified did not hold");
        }
        String body = decoded(exchange, request.body(), request.raw());
        Stored stored = new Stored(body, etag(body));
        objects.put(path, stored);
        yield new LoopbackAws.Answer(200, Map.of("ETag", stored.etag()), "");
      }
      case "DeleteObject" -> {
        objects.remove(path);
        yield new LoopbackAws.Answer(204, Map.of(), "");
      }
      default -> fail(405, "MethodNotAllowed", "not served");
    };
  }

  /** Where the sessions' policies come from (STS, which hands the sessions out). */
  void sessionPolicies(Function<String, Optional<BucketPolicy>> sessionPolicies) {
    this.sessionPolicies = sessionPolicies;
  }

  /**
   * Whether S3 lets the request through. A session narrowed by a session policy may do only what
   * that policy allows too (see {@link FakeSts#sessionPolicy}). A request from another account than
   * the bucket's owner needs the bucket policy's allowance too (its IAM policy is the caller's
   * account's business): "How Amazon S3 authorizes a request" (the bucket context: the requester
   * must have permission from the bucket owner). With S3 Object Ownership at its default, bucket
   * owner enforced, the owner owns every object written into its bucket, so its policy decides on
   * them all ("Controlling ownership of objects and disabling ACLs for your bucket"). A bucket
   * whose owner no test declared decides nothing here.
   */
  private boolean allowed(
      LoopbackAws.Request request, String path, String ifMatch, String ifNoneMatch) {
    int slash = path.indexOf('/');
    String bucket = slash < 0 ? path : path.substring(0, slash);
    Map<String, String> keys = new TreeMap<>();
    String action;
    String resource;
    switch (request.operation()) {
      case "ListObjectsV2" -> {
        action = "s3:ListBucket";
        resource = "arn:aws:s3:::" + bucket;
        keys.put("s3:prefix", query(request.exchange()).getOrDefault("prefix", ""));
      }
      case "PutObject" -> {
        action = "s3:PutObject";
        resource = "arn:aws:s3:::" + path;
        // "Enforce conditional writes on Amazon S3 buckets": the condition keys s3:if-none-match
        // and s3:if-match carry the request's conditional headers.
        if (ifNoneMatch != null) {
          keys.put("s3:if-none-match", ifNoneMatch);
        }
        if (ifMatch != null) {
          keys.put("s3:if-match", ifMatch);
        }
      }
      case "DeleteObject" -> {
        action = "s3:DeleteObject";
        resource = "arn:aws:s3:::" + path;
      }
      default -> {
        action = "s3:GetObject";
        resource = "arn:aws:s3:::" + path;
      }
    }
    if (!sessionPolicies
        .apply(request.accessKey())
        .map(p -> p.grants(action, resource, keys))
        .orElse(true)) {
      return false;
    }
    String owner = owners.get(bucket);
    if (owner == null || owner.equals(request.account())) {
      return true;
    }
    BucketPolicy policy = policies.get(bucket);
    return policy != null
        && policy.allows(
            new BucketPolicy.Request(request.account(), request.role(), action, resource, keys));
  }

  private LoopbackAws.Answer list(String bucket, Map<String, String> query) {
    String prefix = query.getOrDefault("prefix", "");
    String delimiter = query.get("delimiter");
    String after = query.getOrDefault("continuation-token", query.getOrDefault("start-after", ""));
    StringBuilder contents = new StringBuilder();
    TreeSet<String> folders = new TreeSet<>();
    int count = 0;
    String last = null;
    boolean truncated = false;
    String from = bucket + "/" + (after.compareTo(prefix) > 0 ? after : prefix);
    for (Map.Entry<String, Stored> e :
        objects.tailMap(from, !from.equals(bucket + "/" + after)).entrySet()) {
      if (!e.getKey().startsWith(bucket + "/" + prefix)) {
        break;
      }
      String key = e.getKey().substring(bucket.length() + 1);
      if (count == PAGE) {
        truncated = true;
        break;
      }
      int cut = delimiter == null ? -1 : key.indexOf(delimiter, prefix.length());
      if (cut >= 0) {
        folders.add(key.substring(0, cut + delimiter.length()));
      } else {
        contents
            .append("<Contents><Key>")
            .append(xml(key))
            .append("</Key><LastModified>2024-05-01T10:00:00.000Z</LastModified><ETag>")
            .append(xml(e.getValue().etag()))
            .append("</ETag><Size>")
            .append(e.getValue().body().getBytes(StandardCharsets.UTF_8).length)
            .append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
      }
      count++;
      last = key;
    }
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    out.append("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>")
        .append(bucket)
        .append("</Name><Prefix>")
        .append(xml(prefix))
        .append("</Prefix><KeyCount>")
        .append(count)
        .append("</KeyCount><MaxKeys>")
        .append(PAGE)
        .append("</MaxKeys><IsTruncated>")
        .append(truncated)
        .append("</IsTruncated>");
    if (truncated) {
      out.append("<NextContinuationToken>").append(xml(last)).append("</NextContinuationToken>");
    }
    out.append(contents);
    folders.forEach(
        f ->
            out.append("<CommonPrefixes><Prefix>")
                .append(xml(f))
                .append("</Prefix></CommonPrefixes>"));
    out.append("</ListBucketResult>");
    return new LoopbackAws.Answer(200, Map.of("Content-Type", "application/xml"), out.toString());
  }

  /**
   * The payload of a PUT: over plain HTTP the SDK signs the body chunk by chunk ({@code
   * aws-chunked}, each chunk {@code SIZE;chunk-signature=SIG\r\nDATA\r\n}), as S3 accepts.
   */
  private static String decoded(HttpExchange exchange, String body, byte[] bytes) {
    String sha = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
    if (sha == null || !sha.startsWith("STREAMING")) {
      return body;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < bytes.length) {
      int lineEnd = indexOf(bytes, at);
      String header = new String(bytes, at, lineEnd - at, StandardCharsets.US_ASCII);
      int size = Integer.parseInt(header.split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.write(bytes, lineEnd + 2, size);
      at = lineEnd + 2 + size + 2;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length - 1; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    return bytes.length;
  }

  static String error(String code, String message) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
        + code
        + "</Code><Message>"
        + message
        + "</Message><RequestId>loopback-request</RequestId></Error>";
  }

  private static LoopbackAws.Answer fail(int status, String code, String message) {
    return new LoopbackAws.Answer(
        status, Map.of("Content-Type", "application/xml"), error(code, message));
  }

  private static String path(HttpExchange exchange) {
    return URLDecoder.decode(
        exchange.getRequestURI().getRawPath().substring(1), StandardCharsets.UTF_8);
  }

  private static Map<String, String> query(HttpExchange exchange) {
    String raw = exchange.getRequestURI().getRawQuery();
    return FakeSts.form(raw == null ? "" : raw);
  }

  private static String etag(String body) {
    try {
      return "\""
          + HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)))
          + "\"";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
