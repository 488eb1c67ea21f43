package io.lakemesh.governance.delivery;

import io.lakemesh.exceptions.InvalidConfigException;
import java.time.Duration;
import java.time.Instant;

/**
 * How hard a delivery is tried: the first retry waits {@code firstRetry}, each next one twice as
 * long up to {@code maxRetry}; after {@code maxAttempts} failed attempts the delivery moves to the
 * dead-letter list. With the defaults (8 attempts, 30 s doubling to at most 1 h) a receiver that is
 * down for about two hours loses nothing.
 *
 * @param batch how many events of the stream a pass reads at once
 */
public record DeliveryPolicy(int maxAttempts, Duration firstRetry, Duration maxRetry, int batch) {
  public static final int MAX_ATTEMPTS_DEFAULT = 8;
  public static final Duration FIRST_RETRY_DEFAULT = Duration.ofSeconds(30);
  public static final Duration MAX_RETRY_DEFAULT = Duration.ofHours(1);
  public static final int BATCH_DEFAULT = 500;

  public DeliveryPolicy {
    if (maxAttempts < 1) {
      throw new InvalidConfigException("--max-attempts", "give at least 1 attempt");
    }
    if (firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0) {
      throw new InvalidConfigException(
          "--first-retry", "the first retry waits more than 0 and no longer than the longest");
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be positive");
    }
  }

  public static DeliveryPolicy defaults() {
    return new DeliveryPolicy(
        MAX_ATTEMPTS_DEFAULT, FIRST_RETRY_DEFAULT, MAX_RETRY_DEFAULT, BATCH_DEFAULT);
  }

  public DeliveryPolicy withMaxAttempts(int attempts) {
    return new DeliveryPolicy(attempts, firstRetry, maxRetry, batch);
  }

  public DeliveryPolicy withFirstRetry(Duration first) {
    return new DeliveryPolicy(
        maxAttempts, first, maxRetry.compareTo(first) < 0 ? first : maxRetry, batch);
  }

  /** When a delivery that has failed {@code failed} times (at least once) is tried again. */
  public Instant nextAttempt(int failed, Instant now) {
    Duration wait = firstRetry;
    for (int i = 1; i < failed && wait.compareTo(maxRetry) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return now.plus(wait.compareTo(maxRetry) > 0 ? maxRetry : wait);
  }
}
