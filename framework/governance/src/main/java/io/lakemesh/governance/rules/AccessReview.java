package io.lakemesh.governance.rules;

import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The periodic access review a governance team runs: every grant on the data in scope, sorted by
 * product then holder, as of {@code at}.
 */
public record AccessReview(Instant at, List<Entry> entries) {

  /**
   * Which grants to review.
   *
   * @param product {@code D.N}: grants on that product (its table, columns, filters) and on its
   *     database; null for every product
   * @param owner the producer account whose data is reviewed; null for every one in reach
   */
  public record Scope(String product, String owner) {
    public static Scope all() {
      return new Scope(null, null);
    }
  }

  /** How a grant stands at the review. */
  public enum Status {
    ACTIVE,
    /** Ends within seven days. */
    EXPIRING,
    EXPIRED
  }

  /**
   * One grant.
   *
   * @param grant its id
   * @param product {@code D.N}, {@code D.*} for a database, or the LF-tag policy
   * @param holder the grantee
   * @param resource the resource as granted
   * @param permissions the permissions held
   * @param authority what it rests on: {@code owner} (the producer's own grant), {@code request:N},
   *     {@code grant:N}, prefixed by {@code tag policy} for an LF-tag policy
   * @param grantedAt when it was last granted
   * @param ageDays whole days from then to the review
   * @param expires when it expires; null for never
   * @param status active, expiring within seven days, or expired
   * @param lastUsed the newest read of the holder on the table the audit log records (reads through
   *     an engine handed the table); null when none is recorded
   */
  public record Entry(
      long grant,
      String product,
      Principal holder,
      String resource,
      Set<Permission> permissions,
      String authority,
      Instant grantedAt,
      long ageDays,
      Instant expires,
      Status status,
      Instant lastUsed) {}

  public AccessReview {
    entries = List.copyOf(entries);
  }

  public long expired() {
    return count(Status.EXPIRED);
  }

  public long expiringSoon() {
    return count(Status.EXPIRING);
  }

  public long neverUsed() {
    return entries.stream().filter(e -> e.lastUsed() == null).count();
  }

  /** {@code 4 grants, 1 expired, 1 expiring in 7 days, 2 never used}. */
  public String summary() {
    return entries.size()
        + (entries.size() == 1 ? " grant, " : " grants, ")
        + expired()
        + " expired, "
        + expiringSoon()
        + " expiring in 7 days, "
        + neverUsed()
        + " never used";
  }

  private long count(Status status) {
    return entries.stream().filter(e -> e.status() == status).count();
  }
}
