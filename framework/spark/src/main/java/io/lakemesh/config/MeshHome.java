package io.lakemesh.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;

/**
 * A mesh home that remembers its mesh. {@code lakemesh init} (or the first {@code demo}) writes
 * {@code lakemesh.conf} into the home: it includes the config the home was made with and records
 * the topology, so every command run with the home reads the same mesh without {@code --config} or
 * {@code --topology}. A domain's account added later is appended to it as a {@code
 * lakemesh.mesh.accounts += {...}} line. A home without the file (made before) keeps being read
 * with the config each command is given.
 */
public record MeshHome(Path dir) {
  public static final String FILE = "lakemesh.conf";

  public MeshHome {
    dir = dir.toAbsolutePath().normalize();
  }

  /**
   * The config this home was made from (null: the built-in defaults) and its topology (null: no
   * mesh).
   */
  public record Recorded(Path madeFrom, String topology) {}

  /**
   * The home a command uses: {@code home} when given, else $LAKEMESH_HOME, else .lakemesh; a
   * relative one in {@code workingDir}.
   */
  public static MeshHome locate(Path home, Path workingDir) {
    String fromEnv = System.getenv("LAKEMESH_HOME");
    Path dir =
        home != null
            ? home
            : fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : Path.of(".lakemesh");
    return new MeshHome(workingDir.resolve(dir));
  }

  /**
   * The config of a command or engine run with this home: the home's record when it has one (an
   * explicit config or topology that contradicts it is refused), else {@code config} (null: the
   * defaults) as before homes recorded their mesh.
   */
  public LakemeshConfig load(Path config, String topology, boolean explicit) {
    if (isRecorded()) {
      checkAgrees(explicit ? config : null, topology);
      return LakemeshConfig.load(file(), dir);
    }
    return LakemeshConfig.load(config, dir);
  }

  public Path file() {
    return dir.resolve(FILE);
  }

  public boolean isRecorded() {
    return Files.isRegularFile(file());
  }

  public Recorded recorded() {
    Config c;
    try {
      c =
          ConfigFactory.parseFile(
                  file().toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
              .resolve();
    } catch (ConfigException e) {
      throw new InvalidConfigException(null, "invalid config: " + e.getMessage(), e);
    }
    String madeFrom =
        c.hasPath(Settings.MADE_FROM.path()) ? c.getString(Settings.MADE_FROM.path()) : "";
    String topology = c.hasPath(Mesh.TOPOLOGY) ? c.getString(Mesh.TOPOLOGY) : null;
    return new Recorded(madeFrom.isBlank() ? null : Path.of(madeFrom), topology);
  }

  /**
   * Refuses a {@code --config} or {@code --topology} that contradicts what the home records: the
   * command would read another mesh than the one the home's catalog was made with.
   */
  public void checkAgrees(Path config, String topology) {
    Recorded r = recorded();
    if (config != null && !sameFile(config, r.madeFrom()) && !sameFile(config, file())) {
      throw new InvalidConfigException(
          "--config",
          "mesh home "
              + dir
              + " was made with "
              + (r.madeFrom() == null ? "the built-in defaults" : "config " + r.madeFrom())
              + " (recorded in "
              + file()
              + "), but this command was given config "
              + config.toAbsolutePath().normalize()
              + ": drop --config (and LAKEMESH_CONFIG) to use the home's mesh, or give another home for that config:"
              + " bin/lakemesh init --home DIR --config "
              + config);
    }
    if (topology != null
        && r.topology() != null
        && Topology.parse(topology) != Topology.parse(r.topology())) {
      throw new InvalidConfigException(
          "--topology",
          "mesh home "
              + dir
              + " records topology "
              + r.topology()
              + " (in "
              + file()
              + "), but this command was given topology "
              + topology
              + ": drop --topology (and LAKEMESH_TOPOLOGY) to use the home's, or give another home for "
              + topology
              + ": bin/lakemesh init --home DIR --topology "
              + topology);
    }
  }

  /**
   * Writes the home's config: {@code madeFrom} included (null: defaults only), {@code topology}
   * recorded when the config has a mesh (null: it has none), {@code products} when not null.
   */
  public void record(Path madeFrom, String topology, Path products) {
    StringBuilder text =
        new StringBuilder()
            .append(
                "# The mesh of this home, recorded by `lakemesh init`: every command run with this home reads\n")
            .append(
                "# this file, so none needs --config or --topology. Edit it to change the mesh. Add a domain's\n")
            .append(
                "# account with `lakemesh account add NAME --role producer --lob LOB`, which appends a line like\n")
            .append(
                "#   lakemesh.mesh.accounts += { id = weather, roles = [producer], lob = retail }\n");
    if (madeFrom != null) {
      text.append("include file(")
          .append(ConfigUtil.quoteString(madeFrom.toString()))
          .append(")\n");
    }
    text.append(Settings.MADE_FROM.path())
        .append(" = ")
        .append(ConfigUtil.quoteString(madeFrom == null ? "" : madeFrom.toString()))
        .append('\n');
    if (topology != null) {
      text.append(Mesh.TOPOLOGY).append(" = ").append(topology).append('\n');
    }
    if (products != null) {
      text.append(Settings.PRODUCTS.path())
          .append(" = ")
          .append(ConfigUtil.quoteString(products.toString()))
          .append('\n');
    }
    try {
      Files.createDirectories(dir);
      Files.writeString(file(), text);
    } catch (IOException e) {
      throw new InvalidConfigException("--home", "cannot write " + file() + ": " + e.getMessage());
    }
  }

  /**
   * Appends an account to the home's mesh, once the mesh with it loads in the home's topology; a
   * mesh it would break (a second account of that id, a line of business without its governance
   * account in lob-federated) is refused and the file is left as it was.
   */
  public String addAccount(String id, List<String> roles, String lob, List<String> principals) {
    String line =
        Mesh.ACCOUNTS
            + " += { id = "
            + ConfigUtil.quoteString(id)
            + ", roles = ["
            + String.join(", ", roles)
            + "], lob = "
            + ConfigUtil.quoteString(lob)
            + (principals.isEmpty()
                ? ""
                : ", principals = ["
                    + String.join(", ", principals.stream().map(ConfigUtil::quoteString).toList())
                    + "]")
            + " }";
    Path candidate = dir.resolve(FILE + ".new");
    try {
      Files.writeString(candidate, Files.readString(file()) + line + "\n");
      try {
        LakemeshConfig.load(candidate, dir).mesh(null);
      } catch (InvalidConfigException e) {
        throw new InvalidConfigException(
            Mesh.ACCOUNTS,
            "account "
                + id
                + " was not added to "
                + file()
                + ": "
                + e.getMessage().replace(candidate.toString(), file().toString()),
            e);
      }
      Files.move(
          candidate, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return line;
    } catch (IOException e) {
      throw new InvalidConfigException("--home", "cannot write " + file() + ": " + e.getMessage());
    } finally {
      try {
        Files.deleteIfExists(candidate);
      } catch (IOException ignored) {
        // Only a leftover candidate; the home's file is untouched.
      }
    }
  }

  private static boolean sameFile(Path a, Path b) {
    if (b == null) {
      return false;
    }
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return Objects.equals(a.toAbsolutePath().normalize(), b.toAbsolutePath().normalize());
    }
  }

  /** The keys of the mesh this file writes. */
  private static final class Mesh {
    static final String TOPOLOGY = io.lakemesh.governance.Mesh.CONFIG_KEY + ".topology";
    static final String ACCOUNTS = io.lakemesh.governance.Mesh.CONFIG_KEY + ".accounts";
  }
}
