package io.lakemesh.catalog.aws;

import io.lakemesh.exceptions.InvalidConfigException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code s3://bucket/prefix/} location. The prefix is empty or ends with a slash, so keys are
 * formed by appending.
 */
public record S3Location(String bucket, String prefix) {
  private static final Pattern SHAPE =
      Pattern.compile("s3a?://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(/.*)?");

  public static S3Location parse(String key, String uri) {
    Matcher m = SHAPE.matcher(uri == null ? "" : uri.trim());
    if (!m.matches()) {
      throw new InvalidConfigException(
          key, "'" + uri + "' is not an S3 location such as s3://example-bucket/lakemesh/");
    }
    String path = m.group(2) == null ? "" : m.group(2).replaceAll("^/+", "");
    return new S3Location(m.group(1), path.isEmpty() || path.endsWith("/") ? path : path + "/");
  }

  /** True when the URI parses as an S3 location. */
  public static boolean isS3(String uri) {
    return uri != null && SHAPE.matcher(uri.trim()).matches();
  }

  /** The object key of {@code relative} under this location. */
  public String key(String relative) {
    return prefix + relative;
  }

  /** This location extended by a folder. */
  public S3Location resolve(String folder) {
    return new S3Location(bucket, key(folder.endsWith("/") ? folder : folder + "/"));
  }

  /** True when {@code other} is this location or below it. */
  public boolean contains(S3Location other) {
    return bucket.equals(other.bucket) && other.prefix.startsWith(prefix);
  }

  /** The ARN Lake Formation registers locations by. */
  public String arn() {
    String path = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    return "arn:aws:s3:::" + bucket + (path.isEmpty() ? "" : "/" + path);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + prefix;
  }
}
