package io.lakemesh.catalog.aws;

import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.ExternalServiceException;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.exceptions.LakemeshException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns AWS failures into lakemesh errors at the backend's boundary. Every message names the
 * account, the API call and the resource, so that "not allowed" (exit code 4), "misconfigured" (2)
 * and "AWS failed" (1) can be told apart and acted on.
 */
final class AwsErrors {
  private static final Set<String> DENIED =
      Set.of(
          "AccessDeniedException",
          "AccessDenied",
          "UnauthorizedOperation",
          "AuthorizationErrorException",
          "NotAuthorized");
  // The credentials themselves were refused: a config problem, not a missing permission.
  private static final Set<String> BAD_CREDENTIALS =
      Set.of(
          "InvalidAccessKeyId",
          "SignatureDoesNotMatch",
          "UnrecognizedClientException",
          "InvalidClientTokenId",
          "ExpiredToken",
          "ExpiredTokenException",
          "InvalidSignatureException");
  private static final Set<String> WRONG_REGION =
      Set.of(
          "PermanentRedirect",
          "AuthorizationHeaderMalformed",
          "IllegalLocationConstraintException");

  private AwsErrors() {}

  static LakemeshException wrap(AwsCall call, SdkException failure) {
    if (failure instanceof AwsServiceException aws) {
      return service(call, aws);
    }
    if (failure instanceof SdkClientException client && credentialsMissing(client)) {
      return new InvalidConfigException(
          call.account()
              .key(call.account().profile().isPresent() ? AwsAccount.PROFILE : AwsAccount.ROLE_ARN),
          prefix(call)
              + "no usable AWS credentials for "
              + call.who()
              + " from "
              + call.account().credentialSource()
              + " to call "
              + call.api()
              + " on "
              + call.resource()
              + ": "
              + client.getMessage(),
          client);
    }
    return new ExternalServiceException(
        prefix(call) + call + " failed: " + failure.getMessage(), failure);
  }

  /** The AWS error code of a failure, if AWS answered. */
  static Optional<String> code(Throwable failure) {
    if (failure instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      return Optional.ofNullable(aws.awsErrorDetails().errorCode());
    }
    return Optional.empty();
  }

  static boolean hasCode(Throwable failure, String... codes) {
    return code(failure).map(c -> Set.of(codes).contains(c)).orElse(false);
  }

  private static LakemeshException service(AwsCall call, AwsServiceException aws) {
    String code = code(aws).orElse("HTTP " + aws.statusCode());
    String detail = code + ": " + message(aws) + " (request id " + aws.requestId() + ")";
    boolean assumingRole = isSts(aws);
    if (BAD_CREDENTIALS.contains(code)) {
      return new InvalidConfigException(
          call.account().key(AwsAccount.PROFILE),
          prefix(call)
              + "AWS rejected the credentials of "
              + call.who()
              + " ("
              + call.account().credentialSource()
              + ") for "
              + call.api()
              + " on "
              + call.resource()
              + ": "
              + detail,
          aws);
    }
    if (WRONG_REGION.contains(code) || aws.statusCode() == 301) {
      String actual =
          aws.awsErrorDetails() == null
              ? null
              : aws.awsErrorDetails()
                  .sdkHttpResponse()
                  .firstMatchingHeader("x-amz-bucket-region")
                  .orElse(null);
      return new InvalidConfigException(
          AwsCatalogConfig.REGION,
          prefix(call)
              + call.api()
              + " on "
              + call.resource()
              + " by "
              + call.who()
              + " went to the wrong region"
              + (actual == null ? "" : ": it is in " + actual)
              + "; every account and the records bucket must be in the catalog's region ("
              + AwsCatalogConfig.REGION
              + "): "
              + detail,
          aws);
    }
    if (assumingRole) {
      // A role that cannot be assumed is a setup problem (trust policy, ARN), not a refusal of
      // the governance action itself.
      return new InvalidConfigException(
          call.account().key(AwsAccount.ROLE_ARN),
          prefix(call)
              + "could not get credentials for "
              + call.who()
              + " by assuming "
              + call.account().credentialSource()
              + " (needed for "
              + call.api()
              + " on "
              + call.resource()
              + "): "
              + detail,
          aws);
    }
    if (DENIED.contains(code) || aws.statusCode() == 403) {
      return new AccessDeniedException(
          prefix(call)
              + "AWS denied "
              + call.api()
              + " on "
              + call.resource()
              + " to "
              + call.who()
              + ": "
              + detail);
    }
    if (aws.isThrottlingException()) {
      return new ExternalServiceException(
          prefix(call) + call + " was throttled by AWS on every attempt: " + detail, aws);
    }
    return new ExternalServiceException(prefix(call) + call + " failed: " + detail, aws);
  }

  private static boolean isSts(AwsServiceException aws) {
    return aws.awsErrorDetails() != null
        && "sts".equalsIgnoreCase(String.valueOf(aws.awsErrorDetails().serviceName()));
  }

  private static String message(AwsServiceException aws) {
    String message = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorMessage();
    return message == null || message.isBlank() ? "no message" : message;
  }

  private static boolean credentialsMissing(SdkClientException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (message.contains("unable to load credentials")
          || message.contains("profile file contained no credentials")
          || message.contains("does not exist in the profile file")) {
        return true;
      }
    }
    return false;
  }

  private static String prefix(AwsCall call) {
    return "aws catalog '" + call.catalog() + "': ";
  }
}
