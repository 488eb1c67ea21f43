package io.lakemesh.server.iceberg;

import io.lakemesh.client.ApiError;
import io.lakemesh.exceptions.ErrorKind;
import io.lakemesh.exceptions.LakemeshException;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.exceptions.ServiceUnavailableException;
import org.apache.iceberg.exceptions.UnprocessableEntityException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.rest.responses.ErrorResponse;

/**
 * Failures as Iceberg's {@code ErrorResponse}, with the status codes its client's {@code
 * ErrorHandlers} turn back into the same exceptions (404 with the type telling a missing namespace
 * from a missing table, 409 for a conflict, ...). A lakemesh error keeps its API status and its
 * message, which says how to get what was refused.
 */
final class IcebergErrors {
  // Most specific first: a subclass (NoSuchIcebergTableException) finds its parent's code.
  private static final Map<Class<? extends RuntimeException>, Integer> CODES =
      Map.ofEntries(
          Map.entry(IllegalArgumentException.class, 400),
          Map.entry(ValidationException.class, 400),
          Map.entry(NotAuthorizedException.class, 401),
          Map.entry(ForbiddenException.class, 403),
          Map.entry(NoSuchNamespaceException.class, 404),
          Map.entry(NoSuchTableException.class, 404),
          Map.entry(NoSuchViewException.class, 404),
          Map.entry(UnsupportedOperationException.class, 406),
          Map.entry(AlreadyExistsException.class, 409),
          Map.entry(CommitFailedException.class, 409),
          Map.entry(NamespaceNotEmptyException.class, 409),
          Map.entry(UnprocessableEntityException.class, 422),
          Map.entry(CommitStateUnknownException.class, 500),
          // A service the server depends on failed (STS, when vending credentials).
          Map.entry(ServiceUnavailableException.class, 503));

  private IcebergErrors() {}

  /** The answer to a failure the client can act on; empty for an internal one. */
  static Optional<ErrorResponse> of(RuntimeException e) {
    if (e instanceof LakemeshException lakemesh) {
      if (lakemesh.kind() == ErrorKind.INTERNAL) {
        return Optional.empty();
      }
      ApiError api = ApiError.of(lakemesh);
      return Optional.of(error(api.status(), type(api.status()), e.getMessage()));
    }
    for (Class<?> c = e.getClass();
        c != null && c != RuntimeException.class;
        c = c.getSuperclass()) {
      Integer code = CODES.get(c);
      if (code != null) {
        return Optional.of(error(code, e.getClass().getSimpleName(), e.getMessage()));
      }
    }
    return Optional.empty();
  }

  static ErrorResponse error(int code, String type, String message) {
    return ErrorResponse.builder().responseCode(code).withType(type).withMessage(message).build();
  }

  // The Iceberg type of a status, so its client raises what it would for the same condition.
  private static String type(int status) {
    return switch (status) {
      case 401 -> "NotAuthorizedException";
      case 403 -> "ForbiddenException";
      case 404 -> "NoSuchTableException";
      case 409 -> "AlreadyExistsException";
      default -> "BadRequestException";
    };
  }
}
