package io.lakemesh.catalog.aws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 operations the record store needs, under one root, with S3's conditional writes: a create
 * that fails when the key exists ({@code If-None-Match: *}) and a replace that fails when the
 * object changed ({@code If-Match}). Keys passed in are relative to the root.
 */
final class S3Objects {
  /** An object's text and the ETag it was read with. */
  record Stored(String body, String etag) {}

  /** A listed object. */
  record Listed(String key, String etag) {}

  private final AwsClients clients;
  private final AwsAccount account;
  private final S3Client s3;
  private final S3Location root;

  S3Objects(AwsClients clients, AwsAccount account, S3Location root) {
    this.clients = clients;
    this.account = account;
    this.s3 = clients.s3(account);
    this.root = root;
  }

  S3Location root() {
    return root;
  }

  /** The same records, read and written with another account's credentials. */
  S3Objects as(AwsAccount other) {
    return other.equals(account) ? this : new S3Objects(clients, other, root);
  }

  /** {@code s3://bucket/prefix/key}, for messages. */
  String where(String key) {
    return "s3://" + root.bucket() + "/" + root.key(key);
  }

  Optional<Stored> get(String key) {
    return getIfChanged(key, null).map(o -> o.orElseThrow());
  }

  /**
   * The object unless it still has {@code knownEtag}: empty when there is no object, an empty inner
   * optional when it is unchanged.
   */
  Optional<Optional<Stored>> getIfChanged(String key, String knownEtag) {
    GetObjectRequest.Builder request =
        GetObjectRequest.builder().bucket(root.bucket()).key(root.key(key));
    if (knownEtag != null) {
      request.ifNoneMatch(knownEtag);
    }
    try {
      ResponseBytes<GetObjectResponse> bytes =
          call("s3:GetObject", key).run(() -> s3.getObjectAsBytes(request.build()));
      return Optional.of(Optional.of(new Stored(bytes.asUtf8String(), bytes.response().eTag())));
    } catch (RuntimeException e) {
      S3Exception s3e = s3Cause(e);
      if (s3e != null && s3e.statusCode() == 304) {
        return Optional.of(Optional.empty());
      }
      if (s3e != null && s3e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Writes the object whatever is there; returns its ETag. */
  String put(String key, String body) {
    return write(key, body, PutObjectRequest.builder()).orElseThrow();
  }

  /** Creates the object; empty when the key exists already. */
  Optional<String> create(String key, String body) {
    return write(key, body, PutObjectRequest.builder().ifNoneMatch("*"));
  }

  /** Replaces the object if it still has {@code etag}; empty when it changed or is gone. */
  Optional<String> replace(String key, String body, String etag) {
    return write(key, body, PutObjectRequest.builder().ifMatch(etag));
  }

  /** Objects under a relative prefix, in key order, after {@code startAfter} when given. */
  List<Listed> list(String prefix, String startAfter) {
    List<Listed> found = new ArrayList<>();
    for (ListObjectsV2Response page : pages(prefix, startAfter, null)) {
      for (S3Object o : page.contents()) {
        found.add(new Listed(o.key().substring(root.prefix().length()), o.eTag()));
      }
    }
    return found;
  }

  /** The folder names directly under a relative prefix. */
  List<String> folders(String prefix) {
    List<String> names = new ArrayList<>();
    for (ListObjectsV2Response page : pages(prefix, null, "/")) {
      for (CommonPrefix p : page.commonPrefixes()) {
        String folder = p.prefix().substring(root.prefix().length() + prefix.length());
        names.add(folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder);
      }
    }
    return names;
  }

  private List<ListObjectsV2Response> pages(String prefix, String startAfter, String delimiter) {
    List<ListObjectsV2Response> pages = new ArrayList<>();
    String token = null;
    do {
      ListObjectsV2Request.Builder request =
          ListObjectsV2Request.builder().bucket(root.bucket()).prefix(root.key(prefix));
      if (startAfter != null) {
        request.startAfter(root.key(startAfter));
      }
      if (delimiter != null) {
        request.delimiter(delimiter);
      }
      if (token != null) {
        request.continuationToken(token);
      }
      ListObjectsV2Response page =
          call("s3:ListBucket", prefix).run(() -> s3.listObjectsV2(request.build()));
      pages.add(page);
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return pages;
  }

  private Optional<String> write(String key, String body, PutObjectRequest.Builder request) {
    PutObjectRequest put =
        request
            .bucket(root.bucket())
            .key(root.key(key))
            .contentType(
                key.endsWith(".json") || key.endsWith(".jsonl")
                    ? "application/x-ndjson"
                    : "text/plain")
            .build();
    try {
      return Optional.of(
          call("s3:PutObject", key)
              .run(() -> s3.putObject(put, RequestBody.fromString(body, StandardCharsets.UTF_8)))
              .eTag());
    } catch (RuntimeException e) {
      S3Exception s3e = s3Cause(e);
      // 412: the condition failed; 409: a concurrent conditional write won; 404: If-Match on a
      // key that is gone.
      if (s3e != null
          && (s3e.statusCode() == 412
              || s3e.statusCode() == 409
              || (put.ifMatch() != null && s3e.statusCode() == 404))) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private AwsCall call(String api, String key) {
    return clients.call(account, api, where(key));
  }

  private static S3Exception s3Cause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof S3Exception s3e) {
        return s3e;
      }
    }
    return null;
  }
}
