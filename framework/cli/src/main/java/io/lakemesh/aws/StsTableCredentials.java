package io.lakemesh.aws;

import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.Principal;
import io.lakemesh.server.iceberg.TableCredentials;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.aws.AwsClientProperties;
import org.apache.iceberg.aws.s3.S3FileIOProperties;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.ServiceUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Read credentials for one table in an S3 warehouse, vended as Glue's Iceberg REST endpoint does
 * with Lake Formation: STS {@code AssumeRole} of a role the server holds, narrowed by an inline
 * session policy to reading the table's own prefix, for 15 minutes by default. The reader's engine
 * gets them as Iceberg's S3FileIO properties; the server's own credentials never leave it. Tables
 * outside S3 get what {@link TableCredentials#none()} gives them.
 */
public final class StsTableCredentials implements TableCredentials, AutoCloseable {
  /** AssumeRole's bounds on DurationSeconds ("AssumeRole", AWS STS API Reference). */
  public static final int MIN_DURATION_SECONDS = 900;

  public static final int MAX_DURATION_SECONDS = 43_200;

  /** When the session token expires (S3FileIOProperties keeps this key package-private). */
  static final String SESSION_TOKEN_EXPIRES_AT_MS = "s3.session-token-expires-at-ms";

  private final StsClient sts;
  private final String roleArn;
  private final int durationSeconds;
  private final Map<String, String> storage;

  /**
   * @param sts the client that assumes the role, with the server's own credentials
   * @param roleArn the role whose sessions read tables; its identity policy bounds every session
   * @param durationSeconds how long a vended session lives
   * @param storage what a reader's S3FileIO needs besides the keys: {@code client.region}, and
   *     {@code s3.endpoint} and {@code s3.path-style-access} when the warehouse sets them
   */
  public StsTableCredentials(
      StsClient sts, String roleArn, int durationSeconds, Map<String, String> storage) {
    if (!roleArn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
      throw new InvalidConfigException(
          VendingRole.ROLE_ARN_KEY,
          "not an IAM role ARN: '" + roleArn + "' (expected arn:aws:iam::ACCOUNT-ID:role/NAME)");
    }
    if (durationSeconds < MIN_DURATION_SECONDS || durationSeconds > MAX_DURATION_SECONDS) {
      throw new InvalidConfigException(
          VendingRole.DURATION_KEY,
          "STS sessions last from "
              + MIN_DURATION_SECONDS
              + " to "
              + MAX_DURATION_SECONDS
              + " seconds (and no longer than the role's maximum session duration), got "
              + durationSeconds);
    }
    this.sts = sts;
    this.roleArn = roleArn;
    this.durationSeconds = durationSeconds;
    this.storage = Map.copyOf(storage);
  }

  @Override
  public Map<String, String> forReading(Principal reader, TableIdentifier table, String location) {
    if (!S3Prefix.isS3(location)) {
      return TableCredentials.none().forReading(reader, table, location);
    }
    S3Prefix prefix = S3Prefix.of(location);
    String session = VendingRole.sessionName(reader);
    Credentials credentials;
    try {
      credentials =
          sts.assumeRole(
                  AssumeRoleRequest.builder()
                      .roleArn(roleArn)
                      .roleSessionName(session)
                      // "Monitor and control actions taken with assumed roles": the source
                      // identity stays on every CloudTrail record of the session, so S3's own
                      // logs name the reader, not only the server.
                      .sourceIdentity(session)
                      .durationSeconds(durationSeconds)
                      .policy(prefix.readPolicy())
                      .build())
              .credentials();
    } catch (SdkException e) {
      throw failure(e, table);
    }
    Map<String, String> config = new LinkedHashMap<>(storage);
    config.put(S3FileIOProperties.ACCESS_KEY_ID, credentials.accessKeyId());
    config.put(S3FileIOProperties.SECRET_ACCESS_KEY, credentials.secretAccessKey());
    config.put(S3FileIOProperties.SESSION_TOKEN, credentials.sessionToken());
    config.put(SESSION_TOKEN_EXPIRES_AT_MS, Long.toString(credentials.expiration().toEpochMilli()));
    return config;
  }

  /**
   * The catalog cannot serve this load for now (503): the role is not set up as it must be, or STS
   * throttles or is out of reach. The reader learns what failed; the server's log gets the cause.
   */
  private ServiceUnavailableException failure(SdkException e, TableIdentifier table) {
    return new ServiceUnavailableException(
        e,
        "cannot vend read credentials for table %s: STS AssumeRole of %s failed (%s); the catalog"
            + " server's operator must let the server assume that role (see the README,"
            + " \"Credential vending\"). Meanwhile read it with bin/lakemesh query",
        table,
        roleArn,
        reason(e));
  }

  /** What failed, without the message: AWS's can name the server's own identity. */
  private static String reason(SdkException e) {
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      return "HTTP " + aws.statusCode() + " " + aws.awsErrorDetails().errorCode();
    }
    return "STS could not be reached: " + e.getClass().getSimpleName();
  }

  /** The storage settings a reader's S3FileIO needs, from the warehouse's Iceberg properties. */
  public static Map<String, String> storageOf(Map<String, String> warehouseProperties) {
    Map<String, String> storage = new LinkedHashMap<>();
    for (String key :
        new String[] {
          AwsClientProperties.CLIENT_REGION,
          S3FileIOProperties.ENDPOINT,
          S3FileIOProperties.PATH_STYLE_ACCESS
        }) {
      String value = warehouseProperties.get(key);
      if (value != null && !value.isBlank()) {
        storage.put(key, value);
      }
    }
    return storage;
  }

  @Override
  public void close() {
    sts.close();
  }
}
