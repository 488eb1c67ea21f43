package io.lakemesh.server;

import io.lakemesh.exceptions.InvalidConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The certificate and key the server answers HTTPS with: a PEM certificate chain and a PEM (PKCS#8)
 * private key, as certbot and {@code openssl req -newkey} write them, or a PKCS#12 or JKS keystore.
 * Both are read and checked when the server starts, so a wrong file fails {@code serve} at once
 * rather than every client's handshake.
 */
public final class ServerTls {
  /** Where {@code serve} takes the keystore's password from (never from the command line). */
  public static final String KEYSTORE_PASSWORD_ENV = "LAKEMESH_KEYSTORE_PASSWORD";

  private final KeyStore keys;
  private final String password;

  private ServerTls(KeyStore keys, String password) {
    this.keys = keys;
    this.password = password;
  }

  /** A PEM certificate chain (the server's certificate first) and its PEM PKCS#8 private key. */
  public static ServerTls pem(Path certificateFile, Path keyFile) {
    List<Certificate> chain = certificates(certificateFile);
    PrivateKey key = privateKey(keyFile);
    checkPair(key, chain.get(0), certificateFile, keyFile);
    try {
      byte[] secret = new byte[16];
      new SecureRandom().nextBytes(secret);
      String password = HexFormat.of().formatHex(secret);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("lakemesh", key, password.toCharArray(), chain.toArray(Certificate[]::new));
      return new ServerTls(store, password);
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidConfigException(
          "--tls-cert", "cannot use " + certificateFile + ": " + e.getMessage(), e);
    }
  }

  /** A PKCS#12 or JKS keystore holding one key entry and its certificate chain. */
  public static ServerTls keystore(Path file, String password) {
    if (password == null) {
      throw new InvalidConfigException(
          "--keystore",
          "the keystore's password is not set: put it in the environment variable "
              + KEYSTORE_PASSWORD_ENV);
    }
    try {
      return new ServerTls(KeyStore.getInstance(file.toFile(), password.toCharArray()), password);
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidConfigException(
          "--keystore",
          "cannot open keystore "
              + file
              + " (PKCS#12 or JKS, password from "
              + KEYSTORE_PASSWORD_ENV
              + "): "
              + e.getMessage(),
          e);
    }
  }

  SslContextFactory.Server contextFactory() {
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setKeyStore(keys);
    factory.setKeyStorePassword(password);
    return factory;
  }

  private static List<Certificate> certificates(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<Certificate> chain =
          List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (chain.isEmpty()) {
        throw new InvalidConfigException("--tls-cert", "no certificate in " + file);
      }
      return chain;
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidConfigException(
          "--tls-cert",
          "cannot read certificate "
              + file
              + " (expected PEM, -----BEGIN CERTIFICATE-----): "
              + e.getMessage(),
          e);
    }
  }

  private static PrivateKey privateKey(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new InvalidConfigException(
          "--tls-key", "cannot read private key " + file + ": " + e.getMessage(), e);
    }
    String begin = "-----BEGIN PRIVATE KEY-----";
    int start = text.indexOf(begin);
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (start < 0 || end < start) {
      throw new InvalidConfigException(
          "--tls-key",
          file
              + " holds no unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----);"
              + " convert it with: openssl pkcs8 -topk8 -nocrypt -in "
              + file
              + " -out key.pem");
    }
    byte[] der = Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // Not a key of this algorithm: try the next.
      }
    }
    throw new InvalidConfigException(
        "--tls-key", file + " holds a PKCS#8 key of an algorithm other than RSA, EC or EdDSA");
  }

  /** Signs with the key and verifies with the certificate: the two must belong together. */
  private static void checkPair(
      PrivateKey key, Certificate certificate, Path certificateFile, Path keyFile) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> key.getAlgorithm(); // Ed25519, Ed448 name their own signature
        };
    try {
      byte[] probe = "lakemesh".getBytes(StandardCharsets.US_ASCII);
      Signature sign = Signature.getInstance(algorithm);
      sign.initSign(key);
      sign.update(probe);
      byte[] signature = sign.sign();
      Signature verify = Signature.getInstance(algorithm);
      verify.initVerify(certificate);
      verify.update(probe);
      if (verify.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // A key of another type than the certificate's: reported below.
    }
    throw new InvalidConfigException(
        "--tls-key",
        "the private key in "
            + keyFile
            + " does not belong to the certificate in "
            + certificateFile);
  }
}
