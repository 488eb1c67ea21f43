package io.lakemesh.aws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;

/**
 * A table's place in S3: its bucket and the key prefix under which all its files lie ({@code
 * s3://bucket/warehouse/sales/orders} is bucket {@code bucket}, prefix {@code
 * warehouse/sales/orders}; Hadoop's {@code s3a://} and {@code s3n://} name the same objects).
 */
record S3Prefix(String bucket, String prefix) {
  private static final Set<String> SCHEMES = Set.of("s3", "s3a", "s3n");

  S3Prefix {
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException("an S3 location names a bucket: s3://BUCKET/PREFIX");
    }
  }

  static boolean isS3(String location) {
    int colon = location.indexOf("://");
    return colon > 0 && SCHEMES.contains(location.substring(0, colon).toLowerCase(Locale.ROOT));
  }

  static S3Prefix of(String location) {
    if (!isS3(location)) {
      throw new IllegalArgumentException("not an S3 location: " + location);
    }
    String path = location.substring(location.indexOf("://") + 3);
    int slash = path.indexOf('/');
    String bucket = slash < 0 ? path : path.substring(0, slash);
    String prefix = slash < 0 ? "" : path.substring(slash + 1);
    while (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return new S3Prefix(bucket, prefix);
  }

  /** Every object under the prefix (and none beside it: {@code orders/*}, not {@code orders*}). */
  String objects() {
    return "arn:aws:s3:::" + bucket + "/" + (prefix.isEmpty() ? "" : prefix + "/") + "*";
  }

  /**
   * The session policy that narrows a session to reading these files: GetObject under the prefix,
   * and listing only with an {@code s3:prefix} inside it. A session can do no more than both this
   * and the role's own policy allow (IAM User Guide, "Permissions for AssumeRole,
   * AssumeRoleWithSAML, and AssumeRoleWithWebIdentity").
   */
  String readPolicy() {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode policy = json.objectNode().put("Version", "2012-10-17");
    var statements = policy.putArray("Statement");
    statements
        .addObject()
        .put("Sid", "ReadTableFiles")
        .put("Effect", "Allow")
        .put("Action", "s3:GetObject")
        .put("Resource", objects());
    ObjectNode list =
        statements
            .addObject()
            .put("Sid", "ListTableFiles")
            .put("Effect", "Allow")
            .put("Action", "s3:ListBucket")
            .put("Resource", "arn:aws:s3:::" + bucket);
    if (!prefix.isEmpty()) {
      list.putObject("Condition").putObject("StringLike").put("s3:prefix", prefix + "/*");
    }
    return policy.toString();
  }
}
