package io.lakemesh.cli;

import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.service.GovernanceServices;
import picocli.CommandLine.Option;

/** {@code --as} of the commands that read the catalog's records. */
final class ReaderOption {
  @Option(
      names = "--as",
      paramLabel = "WHO",
      description =
          "Read as this principal, exactly as the catalog server answers its token: the tables it"
              + " may describe with the columns it may see, quality records without failure"
              + " examples or PII values, other datasets shown as hidden. Without --as: every"
              + " record whole, as the operator of the mesh home reads the catalog database"
              + " (through a catalog server: as the token's principal).")
  String reader;

  /** The catalog as the reader sees it; the whole catalog without --as. */
  GovernanceCatalog catalog(Environment env) {
    return env.catalogAs(reader == null ? null : Principal.parse(reader));
  }

  /**
   * Who reads the owner's records through the governance rules: {@code --as}; without it, in
   * process, the owner's administrator (who reads them whole, as the operator does), and through a
   * catalog server the token's principal (null).
   */
  Principal principal(Environment env, String owner) {
    if (reader != null) {
      return Principal.parse(reader);
    }
    return GovernanceServices.serverUrl(env.config()).isBlank()
        ? Principal.administrator(owner)
        : null;
  }
}
