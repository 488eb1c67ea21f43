package io.lakemesh.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Chromium (Debian's chromium and chromium-driver) for every browser test of a run:
 * started when the first test asks for it, quit when the run ends (JUnit's root store closes it).
 * Starting Chromium and its driver costs seconds of CPU; {@link UiBrowser} gives each test a fresh
 * tab of it instead. Test classes get it as a parameter, with
 * {@code @ExtendWith(Chromium.Shared.class)}.
 */
final class Chromium implements ExtensionContext.Store.CloseableResource {
  private static final Path BINARY =
      Path.of(System.getProperty("lakemesh.chromium", "/usr/bin/chromium"));
  private static final Path DRIVER =
      Path.of(System.getProperty("lakemesh.chromedriver", "/usr/bin/chromedriver"));

  private ChromeDriver driver;
  private Path profile;

  /** The running browser, started on first use; skips the test where Chromium is missing. */
  synchronized ChromeDriver driver() throws IOException {
    assumeTrue(
        Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
        "needs Debian's chromium and chromium-driver (.ci/run installs them)");
    if (driver == null) {
      profile = Files.createTempDirectory("lakemesh-chromium");
      driver = start(profile);
    }
    return driver;
  }

  private static ChromeDriver start(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=" + UiBrowser.WIDTH + "," + UiBrowser.HEIGHT,
        "--user-data-dir=" + profile);
    // The console is read at the end of a test: a script, style or handler that the server's
    // Content-Security-Policy blocks is reported there.
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  @Override
  public synchronized void close() throws IOException {
    if (driver != null) {
      driver.quit();
      driver = null;
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(Chromium::delete);
      }
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Hands every test that asks the one browser of the run. */
  static final class Shared implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == Chromium.class;
    }

    @Override
    public Chromium resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context
          .getRoot()
          .getStore(ExtensionContext.Namespace.create(Chromium.class))
          .getOrComputeIfAbsent(Chromium.class, k -> new Chromium(), Chromium.class);
    }
  }
}
