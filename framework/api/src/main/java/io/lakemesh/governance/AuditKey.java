package io.lakemesh.governance;

import io.lakemesh.exceptions.InvalidConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that keys the audit chain and signs its checkpoints. It is kept outside the catalog
 * database (a file in the mesh home readable by its owner only, or a setting), so that whoever can
 * write the database cannot recompute the hashes of a rewritten log. It is never printed.
 */
public final class AuditKey {
  private static final int BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] secret;

  private AuditKey(byte[] secret) {
    if (secret.length < 16) {
      throw new InvalidConfigException(
          "lakemesh.audit.key",
          "the audit key must hold at least 16 bytes (base64); make one with: head -c 32"
              + " /dev/urandom | base64");
    }
    this.secret = secret.clone();
  }

  /** A key given as base64 text (a setting or the environment). */
  public static AuditKey of(String base64) {
    try {
      return new AuditKey(Base64.getDecoder().decode(base64.strip()));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(
          "lakemesh.audit.key", "the audit key is not base64: " + e.getMessage());
    }
  }

  /** What {@link #fromFile} found: the key, and whether it was created just now. */
  public record Loaded(AuditKey key, boolean created) {}

  /**
   * The key in {@code file}, created there on first use with owner-only permissions (0600) where
   * the file system has them.
   */
  public static Loaded fromFile(Path file) {
    try {
      if (Files.exists(file)) {
        return new Loaded(of(Files.readString(file, StandardCharsets.US_ASCII)), false);
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      byte[] secret = new byte[BYTES];
      RANDOM.nextBytes(secret);
      try {
        Files.write(
            file,
            Base64.getEncoder().encode(secret),
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException raced) {
        // Another process created it first: use its key.
        return new Loaded(of(Files.readString(file, StandardCharsets.US_ASCII)), false);
      }
      ownerOnly(file);
      return new Loaded(new AuditKey(secret), true);
    } catch (IOException e) {
      throw new InvalidConfigException(
          "lakemesh.audit.key-file", "cannot read or create the audit key " + file + ": " + e);
    }
  }

  private static void ownerOnly(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }

  /** Owner-only permissions for a folder created to hold checkpoints, where supported. */
  static FileAttribute<?>[] ownerOnlyFolder(Path folder) {
    return folder.getFileSystem().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
        }
        : new FileAttribute<?>[0];
  }

  /** HMAC-SHA256 of the text in UTF-8, lower-case hex. */
  public String mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  @Override
  public String toString() {
    return "AuditKey[****]";
  }
}
