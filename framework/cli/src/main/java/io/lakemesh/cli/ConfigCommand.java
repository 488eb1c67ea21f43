package io.lakemesh.cli;

import io.lakemesh.config.Setting;
import io.lakemesh.config.Settings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Show the effective environment settings (secrets masked) and what each means.")
final class ConfigCommand implements Callable<Integer> {
  @Mixin Environment env;

  @Option(
      names = "--json",
      description =
          "Print JSON: {settings, keys}: settings maps each effective key to its value"
              + " (secrets masked), keys lists [{path, description, default}].")
  boolean json;

  @Override
  public Integer call() {
    try (Environment closing = env) {
      if (json) {
        JsonOutput.print(
            JsonOutput.object(
                "settings",
                env.config().describe(),
                "keys",
                Settings.ALL.stream()
                    .map(
                        s ->
                            JsonOutput.object(
                                "path",
                                s.path(),
                                "description",
                                s.description(),
                                "default",
                                s.defaultValue()))
                    .toList()));
        return 0;
      }
      env.config().describe().forEach((k, v) -> System.out.printf("%-28s = %s%n", k, v));
      System.out.println();
      for (Setting s : Settings.ALL) {
        System.out.printf(
            "%-28s %s%s%n",
            s.path(),
            s.description(),
            s.defaultValue() == null || s.defaultValue().isEmpty()
                ? ""
                : " Default: " + s.defaultValue());
      }
      return 0;
    }
  }
}
