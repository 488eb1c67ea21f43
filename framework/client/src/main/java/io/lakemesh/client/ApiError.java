package io.lakemesh.client;

import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.exceptions.CommitConflictException;
import io.lakemesh.exceptions.ErrorKind;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.exceptions.LakemeshException;
import io.lakemesh.exceptions.NotFoundException;
import java.util.Locale;

/**
 * An error as the API sends it: {@code {"error": {"code": "access_denied", "message": "..."}}} with
 * an HTTP status that follows from the code. Codes are stable; scripts may match on them. The
 * message is lakemesh's own, unchanged, so the CLI prints the same line embedded or remote; only an
 * internal error's is a generic line with an id that the server's log carries.
 */
public record ApiError(String code, String message) {
  public static final String UNAUTHENTICATED = "unauthenticated";
  public static final String ACCESS_DENIED = "access_denied";
  public static final String NOT_FOUND = "not_found";
  public static final String ALREADY_EXISTS = "already_exists";
  public static final String INVALID_REQUEST = "invalid_request";
  public static final String BAD_USAGE = "bad_usage";
  public static final String REJECTED = "rejected";
  public static final String CONFLICT = "conflict";
  public static final String EXTERNAL = "external_failure";
  public static final String INTERNAL = "internal";
  public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
  public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
  public static final String REQUEST_TIMEOUT = "request_timeout";
  public static final String TOO_MANY_REQUESTS = "too_many_requests";

  /** The code and message of a lakemesh error. */
  public static ApiError of(LakemeshException e) {
    String code;
    if (e instanceof AccessDeniedException) {
      code = ACCESS_DENIED;
    } else if (e instanceof AlreadyExistsException) {
      code = ALREADY_EXISTS;
    } else if (e instanceof InvalidRequestException) {
      code = INVALID_REQUEST;
    } else {
      code = codeOf(e.kind());
    }
    return new ApiError(code, e.getMessage());
  }

  private static String codeOf(ErrorKind kind) {
    return switch (kind) {
      case USER -> BAD_USAGE;
      case NOT_FOUND -> NOT_FOUND;
      case REJECTED -> REJECTED;
      case ACCESS_DENIED -> ACCESS_DENIED;
      case CONFLICT -> CONFLICT;
      case EXTERNAL -> EXTERNAL;
      case INTERNAL -> INTERNAL;
    };
  }

  /** The HTTP status the code is sent with. */
  public int status() {
    return switch (code) {
      case UNAUTHENTICATED -> 401;
      case ACCESS_DENIED -> 403;
      case NOT_FOUND -> 404;
      case METHOD_NOT_ALLOWED -> 405;
      case REQUEST_TIMEOUT -> 408;
      case ALREADY_EXISTS, CONFLICT -> 409;
      case PAYLOAD_TOO_LARGE -> 413;
      case REJECTED -> 422;
      case TOO_MANY_REQUESTS -> 429;
      case EXTERNAL -> 502;
      case INTERNAL -> 500;
      default -> 400;
    };
  }

  /** The lakemesh error this API error stands for, so a client fails as the embedded rules do. */
  public LakemeshException toException() {
    return switch (code) {
      case UNAUTHENTICATED, ACCESS_DENIED -> new AccessDeniedException(message);
      case NOT_FOUND -> new NotFoundException(message);
      case ALREADY_EXISTS -> new AlreadyExistsException(message);
      case INVALID_REQUEST -> new InvalidRequestException(message);
      case CONFLICT -> new CommitConflictException(message, null);
      default -> new RemoteException(this);
    };
  }

  /** An error of a kind the client has no class for; it keeps the kind, so the exit code. */
  public static final class RemoteException extends LakemeshException {
    private final ApiError error;

    RemoteException(ApiError error) {
      super(error.message());
      this.error = error;
    }

    public ApiError error() {
      return error;
    }

    @Override
    public ErrorKind kind() {
      return switch (error.code()) {
        case BAD_USAGE, PAYLOAD_TOO_LARGE, METHOD_NOT_ALLOWED -> ErrorKind.USER;
        case REJECTED -> ErrorKind.REJECTED;
        case CONFLICT -> ErrorKind.CONFLICT;
        case INTERNAL -> ErrorKind.INTERNAL;
        default -> ErrorKind.EXTERNAL;
      };
    }

    @Override
    public String toString() {
      return error.code().toLowerCase(Locale.ROOT) + ": " + getMessage();
    }
  }
}
