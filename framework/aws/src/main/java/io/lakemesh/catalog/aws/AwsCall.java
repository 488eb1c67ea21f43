package io.lakemesh.catalog.aws;

import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.ExternalServiceException;
import io.lakemesh.exceptions.LakemeshException;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One AWS API call as errors name it: the catalog, the account that made it, the API ({@code
 * lakeformation:GrantPermissions}, as IAM policies name actions) and what it was about.
 */
record AwsCall(String catalog, AwsAccount account, String api, String resource) {

  static AwsCall of(String catalog, AwsAccount account, String api, Object resource) {
    return new AwsCall(catalog, account, api, String.valueOf(resource));
  }

  /** Runs the call, turning SDK failures into lakemesh errors that name this call. */
  <T> T run(Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw AwsErrors.wrap(this, e);
    }
  }

  /**
   * Runs the call; empty when AWS answers with one of {@code codes} (such as {@code
   * EntityNotFoundException}), which the caller handles as an outcome rather than a failure.
   */
  <T> Optional<T> unless(Supplier<T> call, String... codes) {
    try {
      return Optional.of(call.get());
    } catch (SdkException e) {
      if (AwsErrors.hasCode(e, codes)) {
        return Optional.empty();
      }
      throw AwsErrors.wrap(this, e);
    }
  }

  void run(Runnable call) {
    run(
        () -> {
          call.run();
          return null;
        });
  }

  /**
   * A failure AWS reported inside a successful reply (the per-entry failures of a batch, the
   * per-tag failures of a tag change), as the error it would have been on its own.
   */
  LakemeshException failure(String detail, boolean denied) {
    String message = "aws catalog '" + catalog + "': " + this + " failed: " + detail;
    return denied
        ? new AccessDeniedException(message)
        : new ExternalServiceException(message, null);
  }

  /** {@code account sales (111122223333)}. */
  String who() {
    return "account " + account.id() + " (" + account.awsAccountId() + ")";
  }

  @Override
  public String toString() {
    return api + " on " + resource + " by " + who();
  }
}
