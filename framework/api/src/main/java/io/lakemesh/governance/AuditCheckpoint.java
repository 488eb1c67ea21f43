package io.lakemesh.governance;

import io.lakemesh.catalog.Names;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A signed statement, kept outside the catalog database, that event {@code seq} of a log had {@code
 * hash}: a rewrite of the log in the database up to that event contradicts it.
 *
 * @param log the audit log
 * @param seq the event anchored
 * @param hash its hash when the checkpoint was taken
 * @param at when the checkpoint was taken
 * @param signature HMAC-SHA256 of the other fields under the audit key, hex
 */
public record AuditCheckpoint(String log, long seq, String hash, Instant at, String signature) {
  private static final String HEADER = "lakemesh-audit-checkpoint-v1";

  public AuditCheckpoint {
    Names.account(log);
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(at, "at");
    signature = Objects.requireNonNullElse(signature, "");
    if (seq < 1) {
      throw new IllegalArgumentException("a checkpoint anchors an event, from 1: " + seq);
    }
  }

  /** A checkpoint of event {@code seq}, signed with the key. */
  public static AuditCheckpoint signed(
      String log, long seq, String hash, Instant at, AuditKey key) {
    AuditCheckpoint unsigned = new AuditCheckpoint(log, seq, hash, at, "");
    return new AuditCheckpoint(log, seq, hash, at, key.mac(unsigned.signedText()));
  }

  /** True when the key signed exactly these fields. */
  public boolean signedBy(AuditKey key) {
    return key.mac(signedText()).equals(signature);
  }

  private String signedText() {
    return HEADER + "\n" + log + "\n" + seq + "\n" + hash + "\n" + at + "\n";
  }

  /** The file's text: one {@code name=value} line per field. */
  public String text() {
    return HEADER
        + "\nlog="
        + log
        + "\nseq="
        + seq
        + "\nhash="
        + hash
        + "\nat="
        + at
        + "\nsignature="
        + signature
        + "\n";
  }

  /** Parses {@link #text}; throws IllegalArgumentException naming what is wrong. */
  public static AuditCheckpoint parse(String text) {
    String[] lines = text.split("\n");
    if (lines.length == 0 || !lines[0].strip().equals(HEADER)) {
      throw new IllegalArgumentException("not a lakemesh audit checkpoint");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int eq = lines[i].indexOf('=');
      if (eq > 0) {
        fields.put(lines[i].substring(0, eq), lines[i].substring(eq + 1).strip());
      }
    }
    try {
      return new AuditCheckpoint(
          fields.get("log"),
          Long.parseLong(fields.get("seq")),
          fields.get("hash"),
          Instant.parse(fields.get("at")),
          fields.get("signature"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("an audit checkpoint with a missing or bad field: " + e);
    }
  }
}
