package io.lakemesh.cli;

import io.lakemesh.config.Setting;
import io.lakemesh.config.Settings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Show the effective environment settings (secrets masked) and what each means.")
final class ConfigCommand implements Callable<Integer> {
  @Mixin Environment env;

  @Override
  public Integer call() {
    try (Environment closing = env) {
      env.config().describe().forEach((k, v) -> System.out.printf("%-28s = %s%n", k, v));
      System.out.println();
      for (Setting s : Settings.ALL) {
        System.out.printf("%-28s %s%s%n", s.path(), s.description(),
            s.defaultValue() == null || s.defaultValue().isEmpty() ? "" : " Default: " + s.defaultValue());
      }
      return 0;
    }
  }
}
