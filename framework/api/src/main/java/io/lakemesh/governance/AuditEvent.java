package io.lakemesh.governance;

import io.lakemesh.catalog.Names;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of an append-only, hash-chained audit log. Each log belongs to one account (a
 * governance account, or a producer in {@code federated}); its events are numbered from 1 and each
 * one's {@link #hash} covers its content and the previous event's hash (see {@link AuditChain}), so
 * an edited, removed or inserted row breaks the chain.
 *
 * @param seq position in the log, from 1; 0 before the catalog appends it
 * @param log the account whose log this is
 * @param actor who acted
 * @param actingAs the account on whose authority the action rests: the actor's own account, or the
 *     producer when a governance account carries out the producer's decision
 * @param action what was done or attempted
 * @param resource what it was done on, in the resource's canonical text
 * @param before the state before (empty when nothing was there)
 * @param after the state after (empty for refusals)
 * @param outcome allowed or refused
 * @param reason why it was refused; empty when allowed
 * @param at when
 * @param previousHash the hash of event {@code seq - 1} ({@link AuditChain#GENESIS} for the first)
 * @param hash over the canonical form: SHA-256 in hex, or {@code hmac:} and the HMAC-SHA256 in hex
 *     under the audit key (see {@link AuditKey})
 * @param token the id of the access token the actor used (never its secret); empty when the action
 *     came from the command line on the catalog database
 * @param count how many identical refusals this event stands for (1 but for a collapsed refusal)
 */
public record AuditEvent(
    long seq,
    String log,
    Principal actor,
    String actingAs,
    AuditAction action,
    String resource,
    String before,
    String after,
    Outcome outcome,
    String reason,
    Instant at,
    String previousHash,
    String hash,
    String token,
    int count) {

  /** The same event with these texts (as a reader may see them); its hashes are the stored ones. */
  public AuditEvent withTexts(String resource, String before, String after, String reason) {
    return new AuditEvent(
        seq,
        log,
        actor,
        actingAs,
        action,
        resource,
        before,
        after,
        outcome,
        reason,
        at,
        previousHash,
        hash,
        token,
        count);
  }

  public enum Outcome {
    ALLOWED,
    REFUSED
  }

  public AuditEvent {
    Names.account(log);
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(actingAs, "actingAs");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(at, "at");
    resource = Objects.requireNonNullElse(resource, "");
    before = Objects.requireNonNullElse(before, "");
    after = Objects.requireNonNullElse(after, "");
    reason = Objects.requireNonNullElse(reason, "");
    previousHash = Objects.requireNonNullElse(previousHash, "");
    hash = Objects.requireNonNullElse(hash, "");
    token = Objects.requireNonNullElse(token, "");
    // A record written before counts existed carries none: it stands for one action.
    count = count == 0 ? 1 : count;
    if (count < 1) {
      throw new IllegalArgumentException("an audit event stands for at least one action: " + count);
    }
    if (count > 1 && outcome != Outcome.REFUSED) {
      throw new IllegalArgumentException("only refusals are counted: " + action.label());
    }
    if (outcome == Outcome.REFUSED && reason.isEmpty()) {
      throw new IllegalArgumentException("a refused " + action.label() + " needs a reason");
    }
  }

  /** An event to append: the catalog numbers and chains it. */
  public static AuditEvent draft(
      String log,
      Principal actor,
      String actingAs,
      AuditAction action,
      String resource,
      String before,
      String after,
      Outcome outcome,
      String reason,
      Instant at) {
    return new AuditEvent(
        0, log, actor, actingAs, action, resource, before, after, outcome, reason, at, "", "", "",
        1);
  }

  /** This event as number {@code seq} of its log, after the event whose hash is given (unkeyed). */
  public AuditEvent chained(long newSeq, String previous) {
    return chained(newSeq, previous, null);
  }

  /**
   * This event as number {@code seq} of its log, after the event whose hash is given, hashed with
   * the key (HMAC) when there is one.
   */
  public AuditEvent chained(long newSeq, String previous, AuditKey key) {
    AuditEvent unhashed =
        new AuditEvent(
            newSeq, log, actor, actingAs, action, resource, before, after, outcome, reason, at,
            previous, "", token, count);
    return unhashed.withHash(AuditChain.hash(unhashed, key));
  }

  /** The same draft, made with the access token of this id. */
  public AuditEvent byToken(String tokenId) {
    return new AuditEvent(
        seq,
        log,
        actor,
        actingAs,
        action,
        resource,
        before,
        after,
        outcome,
        reason,
        at,
        previousHash,
        hash,
        tokenId,
        count);
  }

  /** The same refusal, standing for {@code n} identical ones. */
  public AuditEvent counted(int n) {
    return new AuditEvent(
        seq,
        log,
        actor,
        actingAs,
        action,
        resource,
        before,
        after,
        outcome,
        reason,
        at,
        previousHash,
        hash,
        token,
        n);
  }

  private AuditEvent withHash(String value) {
    return new AuditEvent(
        seq,
        log,
        actor,
        actingAs,
        action,
        resource,
        before,
        after,
        outcome,
        reason,
        at,
        previousHash,
        value,
        token,
        count);
  }

  /** True when its hash was made with the audit key. */
  public boolean keyed() {
    return AuditChain.isKeyed(hash);
  }

  public boolean refused() {
    return outcome == Outcome.REFUSED;
  }

  @Override
  public String toString() {
    return log
        + "#"
        + seq
        + " "
        + at
        + " "
        + actor
        + " "
        + action.label()
        + " "
        + resource
        + " "
        + outcome
        + (count > 1 ? " x" + count : "")
        + (reason.isEmpty() ? "" : " (" + reason + ")")
        + (token.isEmpty() ? "" : " token " + token);
  }
}
