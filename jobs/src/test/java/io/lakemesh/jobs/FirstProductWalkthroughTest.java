package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.lakemesh.cli.CliRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Your first product", walked as written: its files are created from its blocks, its
 * commands run through the CLI in the folder it makes, and each command's exit code (0, or the
 * {@code # exit N} beside it) and the output it shows are checked. The readings are generated: the
 * README's sample lines, then a day each to the end of 2015, three of them with the station's
 * {@code -99}.
 */
class FirstProductWalkthroughTest {
  private static final String SECTION = "## Your first product";
  private static final Pattern FENCE = Pattern.compile("^```(\\w*)$");
  private static final Pattern PATH_IN_PROSE = Pattern.compile("`([^`\\s]+/[^`\\s]+)`");
  private static final Pattern EXPECTED_EXIT = Pattern.compile("#\\s*exit (\\d)\\b");

  @TempDir Path tmp;

  private Path cwd;
  private CliRun last;
  private String lastCommand;

  /** One fenced block of the section, with the paragraph before it. */
  private record Block(String lang, List<String> lines, String prose) {}

  @Test
  void theReadmesFirstProductWalksThroughAsWritten() throws IOException {
    List<Block> blocks = blocks(Files.readString(TestMesh.REPO.resolve("README.md")));
    assertThat(blocks).extracting(Block::lang).contains("bash", "text", "csv", "hocon", "sql");
    String root = System.getProperty("lakemesh.root");
    String config = System.getProperty("lakemesh.config");
    // What bin/lakemesh sets for every command.
    System.setProperty("lakemesh.root", TestMesh.REPO.toString());
    System.setProperty("lakemesh.config", TestMesh.REPO.resolve("conf/lakemesh.conf").toString());
    try {
      for (Block b : blocks) {
        switch (b.lang()) {
          case "bash" -> b.lines().forEach(this::command);
          case "text" -> expectOutput(b.lines());
          case "csv" -> generateReadings(fileNamedIn(b), b.lines());
          case "hocon", "sql" ->
              Files.writeString(
                  Files.createDirectories(fileNamedIn(b).getParent())
                      .resolve(fileNamedIn(b).getFileName()),
                  String.join("\n", b.lines()) + "\n");
          default -> fail("a block of the walkthrough this test does not know: " + b.lang());
        }
      }
    } finally {
      restore("lakemesh.root", root);
      restore("lakemesh.config", config);
      System.clearProperty("lakemesh.cwd");
    }
    assertThat(lastCommand).startsWith("lakemesh query");
  }

  private void command(String line) {
    String text = line.trim();
    if (text.isEmpty() || text.startsWith("#")) {
      return;
    }
    Matcher exit = EXPECTED_EXIT.matcher(text);
    int expected = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
    List<String> words = words(text);
    if (words.get(0).equals("export")) {
      // The launcher on the PATH: here the CLI runs in process.
      assertThat(words.get(1)).startsWith("PATH=");
    } else if (words.size() == 6
        && words.get(0).equals("mkdir")
        && words.get(3).equals("&&")
        && words.get(4).equals("cd")) {
      cwd = home(words.get(5));
      assertThat(home(words.get(2))).isEqualTo(cwd);
      try {
        Files.createDirectories(cwd);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else if (words.get(0).equals("lakemesh")) {
      System.setProperty("lakemesh.cwd", cwd.toString());
      last = CliRun.of(words.subList(1, words.size()).toArray(String[]::new));
      lastCommand = text;
      assertThat(last.code()).as(text + "\n" + last.out() + last.err()).isEqualTo(expected);
    } else {
      fail("a command of the walkthrough this test does not run: " + text);
    }
  }

  /** Each line, split at "...", appears in order, after the line before it. */
  private void expectOutput(List<String> lines) {
    assertThat(last).as("an output block follows a command").isNotNull();
    String output = last.out() + last.err();
    int at = 0;
    for (String line : lines) {
      for (String fragment : line.split(Pattern.quote("..."), -1)) {
        if (fragment.isEmpty()) {
          continue;
        }
        int found = output.indexOf(fragment, at);
        assertThat(found)
            .as("'%s' of '%s' in the output of %s:%n%s", fragment, line, lastCommand, output)
            .isNotNegative();
        at = found + fragment.length();
      }
    }
  }

  /**
   * The file the paragraph before {@code b} names: its last `path/with/slashes` of the block's
   * kind.
   */
  private Path fileNamedIn(Block b) {
    String extension =
        switch (b.lang()) {
          case "hocon" -> ".conf";
          default -> "." + b.lang();
        };
    String named = null;
    Matcher m = PATH_IN_PROSE.matcher(b.prose());
    while (m.find()) {
      if (m.group(1).endsWith(extension)) {
        named = m.group(1);
      }
    }
    assertThat(named)
        .as("the paragraph before a %s block names its file: %s", b.lang(), b.prose())
        .isNotNull();
    return cwd.resolve(named);
  }

  /** The README's sample lines, then a day each to 2015-12-31; three days read -99. */
  private static void generateReadings(Path file, List<String> sample) throws IOException {
    assertThat(sample.get(0)).isEqualTo("day,precipitation,temp_max,temp_min,wind,weather");
    List<String> rows = new ArrayList<>(sample);
    String[] weather = {"drizzle", "rain", "sun", "snow", "fog"};
    Random random = new Random(14);
    LocalDate day = LocalDate.of(2012, 1, sample.size());
    for (int i = 0; !day.isAfter(LocalDate.of(2015, 12, 31)); i++, day = day.plusDays(1)) {
      double max = 5 + random.nextInt(250) / 10.0;
      double precipitation =
          i == 100 || i == 600 || i == 1100
              ? -99
              : random.nextInt(4) == 0 ? random.nextInt(300) / 10.0 : 0;
      rows.add(
          String.format(
              Locale.ROOT,
              "%s,%.1f,%.1f,%.1f,%.1f,%s",
              day.toString().replace('-', '/'),
              precipitation,
              max,
              max - 1 - random.nextInt(90) / 10.0,
              0.5 + random.nextInt(75) / 10.0,
              weather[i % weather.length]));
    }
    Files.createDirectories(file.getParent());
    Files.write(file, rows);
  }

  private Path home(String word) {
    assertThat(word).startsWith("~/");
    return tmp.resolve(word.substring(2));
  }

  /** The section's fenced blocks in order, each with the prose paragraph before it. */
  private static List<Block> blocks(String readme) {
    int start = readme.indexOf("\n" + SECTION + "\n");
    assertThat(start).as("README has a section " + SECTION).isNotNegative();
    int end = readme.indexOf("\n## ", start + SECTION.length() + 1);
    List<Block> blocks = new ArrayList<>();
    List<String> prose = new ArrayList<>();
    String lang = null;
    List<String> body = null;
    boolean paragraphEnded = false;
    for (String line : readme.substring(start, end).split("\n", -1)) {
      Matcher fence = FENCE.matcher(line);
      if (body == null && fence.matches()) {
        lang = fence.group(1);
        body = new ArrayList<>();
      } else if (body != null && line.equals("```")) {
        blocks.add(new Block(lang, body, String.join("\n", prose)));
        prose = new ArrayList<>();
        body = null;
      } else if (body != null) {
        body.add(line);
      } else if (line.isBlank()) {
        paragraphEnded = true;
      } else {
        if (paragraphEnded) {
          prose = new ArrayList<>();
          paragraphEnded = false;
        }
        prose.add(line);
      }
    }
    return blocks;
  }

  /**
   * Words as a shell splits them: on spaces, quotes keeping theirs together; a comment ends the
   * line.
   */
  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else if (c == '#' && word == null) {
        break;
      } else {
        word = word == null ? new StringBuilder().append(c) : word.append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
