package io.lakemesh.jobs.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A reader's engine, reduced to Iceberg's S3FileIO set up from a load-table answer's config, and
 * the catalog server's STS client, signing with the server's own keys.
 */
final class VendedReads {
  /** The access key the catalog server's own calls are signed with. */
  static final String SERVER_KEY = "LOOPBACK-server";

  private VendedReads() {}

  /** STS at this endpoint, called with the server's own (loopback) keys. */
  static StsClient serverSts(String endpoint) {
    return StsClient.builder()
        .region(Region.EU_WEST_1)
        .endpointOverride(URI.create(endpoint))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(SERVER_KEY, "not-a-secret")))
        .build();
  }

  /** S3FileIO set up only from what the load-table answer carries, as a reader's engine does. */
  static S3FileIO fileIo(Map<String, String> config) {
    Map<String, String> properties = new HashMap<>(config);
    // The jobs module's classpath carries the SDK's URLConnection client only.
    properties.put("http-client.type", "urlconnection");
    S3FileIO io = new S3FileIO();
    io.initialize(properties);
    return io;
  }

  static String read(FileIO io, String path) {
    try (InputStream in = io.newInputFile(path).newStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> list(S3FileIO io, String prefix) {
    List<String> paths = new ArrayList<>();
    for (FileInfo file : io.listPrefix(prefix)) {
      paths.add(file.location());
    }
    return paths;
  }

  /** The HTTP status and error code S3 refused the call with. */
  static String refusal(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof AwsServiceException aws) {
          return aws.statusCode() + " " + aws.awsErrorDetails().errorCode();
        }
      }
      throw e;
    }
    throw new AssertionError("the call was not refused");
  }
}
