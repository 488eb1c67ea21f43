package io.lakemesh.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.ConstraintResult.Severity;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.exceptions.InvalidIdentifierException;
import io.lakemesh.exceptions.NotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Specs are read strictly: every mistake names the file, the line and the key. No Spark here. */
class SpecLoaderTest {
  private static final String VALID =
      """
      domain = shop
      name = orders
      version = 2
      owner { team = "Shop", contact = "shop@example.com" }
      description = "Orders"
      tags { classification = internal }
      sla.freshness = 6h
      sources { raw { format = csv, path = "in.csv", options { header = "true" }, schema = "id STRING, qty INT" } }
      transform.sql = t.sql
      table { mode = merge, keys = [id] }
      schema = [
        { name = id, type = string, nullable = false }
        { name = qty, type = int, pii = false }
      ]
      quality.rules = [
        { type = unique, column = id }
        { type = range, column = qty, min = 1, severity = warning }
      ]
      subscribers = [marketing]
      """;

  @TempDir Path dir;

  private Path write(String text) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("shop"));
    return Files.writeString(folder.resolve("orders.conf"), text);
  }

  private InvalidConfigException invalid(String text) throws IOException {
    Path file = write(text);
    return (InvalidConfigException) Assertions.catchThrowable(() -> SpecLoader.loadFile(file));
  }

  @Test
  void readsAValidSpec() throws IOException {
    write(VALID);
    ProductSpec spec = new SpecLoader(dir).load("shop.orders");
    assertThat(spec.id()).isEqualTo("shop.orders");
    assertThat(spec.version()).isEqualTo(2);
    assertThat(spec.freshnessSla()).isEqualTo(Duration.ofHours(6));
    assertThat(spec.table().database()).isEqualTo("shop");
    assertThat(spec.table().mode()).isEqualTo(TableSpec.WriteMode.MERGE);
    assertThat(spec.schema()).extracting(ColumnSpec::name).containsExactly("id", "qty");
    assertThat(spec.schema().get(0).nullable()).isFalse();
    assertThat(spec.sources().get("raw")).isInstanceOf(SourceSpec.Files.class);
    assertThat(spec.quality())
        .extracting(QualityRule::name)
        .containsExactly("unique(id)", "range(qty)");
    assertThat(spec.quality().get(1).severity()).isEqualTo(Severity.WARNING);
    assertThat(new SpecLoader(dir).list()).containsExactly("shop.orders");
  }

  @Test
  void anUnknownKeyNamesFileLineAndKey() throws IOException {
    InvalidConfigException e =
        invalid(VALID.replace("table { mode = merge", "table { mdoe = x, mode = merge"));
    assertThat(e.getMessage()).contains("orders.conf:10", "'table.mdoe'", "unknown key");
    assertThat(e.key()).isEqualTo("table.mdoe");
  }

  @Test
  void aWrongTypeNamesFileLineAndKey() throws IOException {
    InvalidConfigException e = invalid(VALID.replace("version = 2", "version = two"));
    assertThat(e.getMessage()).contains("orders.conf:3", "'version'");
  }

  @Test
  void aMissingKeyIsNamed() throws IOException {
    assertThat(invalid(VALID.replace("description = \"Orders\"", "")).getMessage())
        .contains("'description'", "missing");
  }

  @Test
  void aBadEnumValueListsTheChoices() throws IOException {
    assertThat(invalid(VALID.replace("mode = merge", "mode = upsert")).getMessage())
        .contains("orders.conf:10", "'table.mode'", "append, overwrite or merge", "upsert");
  }

  @Test
  void ruleMistakesAreNamedByTheirPlaceInTheList() throws IOException {
    assertThat(
            invalid(VALID.replace("type = unique, column = id", "type = unique, column = nope"))
                .getMessage())
        .contains("orders.conf:16", "quality.rules[0].column", "not in the schema contract");
    assertThat(
            invalid(VALID.replace("type = unique, column = id", "type = uniq, column = id"))
                .getMessage())
        .contains("quality.rules[0].type", "unknown rule type 'uniq'");
    assertThat(invalid(VALID.replace("severity = warning", "severity = fatal")).getMessage())
        .contains("quality.rules[1].severity", "error or warning");
    assertThat(
            invalid(
                    VALID.replace(
                        "{ type = unique, column = id }",
                        "{ type = pattern, column = id, regex = \"[\" }"))
                .getMessage())
        .contains("regex", "not a valid regular expression");
  }

  @Test
  void contractMistakesAreRefused() throws IOException {
    assertThat(
            invalid(VALID.replace("{ name = qty, type = int", "{ name = id, type = int"))
                .getMessage())
        .contains("declared twice");
    assertThat(invalid(VALID.replace("type = int", "type = integer")).getMessage())
        .contains("unsupported type 'integer'");
    assertThat(invalid(VALID.replace("keys = [id]", "keys = [nope]")).getMessage())
        .contains("'table.keys'", "not in the schema");
    assertThat(
            invalid(VALID.replace("table { mode = merge, keys = [id] }", "table { mode = merge }"))
                .getMessage())
        .contains("needs the key columns");
    assertThat(
            invalid(VALID.replace("transform.sql = t.sql", "transform { sql = t.sql, class = X }"))
                .getMessage())
        .contains("exactly one of");
  }

  @Test
  void namesThatCouldSmuggleSqlOrPathsAreRefused() throws IOException {
    assertThat(
            invalid(VALID.replace("name = orders", "name = \"orders; drop table x\"")).getMessage())
        .contains("orders.conf:2", "invalid product name");
    assertThat(invalid(VALID.replace("{ name = qty", "{ name = \"q'ty\"")).getMessage())
        .contains("invalid column name");
    assertThatThrownBy(() -> new SpecLoader(dir).load("../etc.passwd"))
        .isInstanceOf(InvalidConfigException.class);
    assertThatThrownBy(() -> new SpecLoader(dir).load("a/b.orders"))
        .isInstanceOf(InvalidIdentifierException.class);
  }

  @Test
  void aHoconSyntaxErrorNamesTheFileAndLine() throws IOException {
    assertThat(invalid(VALID.replace("version = 2", "version = {")).getMessage())
        .contains("orders.conf", "invalid product spec");
  }

  @Test
  void environmentOverridesApply() throws IOException {
    write(
        VALID.replace(
            "tags { classification = internal }",
            "tags { classification = internal, classification = ${?PATH} }"));
    ProductSpec spec = new SpecLoader(dir).load("shop.orders");
    assertThat(spec.tags().get("classification")).isEqualTo(System.getenv("PATH"));
  }

  @Test
  void anUnknownProductListsTheKnownOnes() throws IOException {
    write(VALID);
    assertThatThrownBy(() -> new SpecLoader(dir).load("shop.nothing"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("known: shop.orders");
  }

  @Test
  void aFreshnessRuleKeepsTheUnitItsMaxAgeWasWrittenIn() throws IOException {
    write(
        VALID
            .replace(
                "{ name = qty, type = int, pii = false }",
                "{ name = qty, type = int, pii = false }\n  { name = ts, type = timestamp }")
            .replace(
                "{ type = range, column = qty, min = 1, severity = warning }",
                "{ type = range, column = qty, min = 1, severity = warning }\n"
                    + "  { type = freshness, column = ts, max-age = 48h }"));
    QualityRule.Freshness rule =
        (QualityRule.Freshness) new SpecLoader(dir).load("shop.orders").quality().get(2);
    assertThat(rule.maxAge()).isEqualTo(Duration.ofDays(2));
    // Written 48h: its messages say hours, not "2d".
    assertThat(rule.unit()).isEqualTo(ChronoUnit.HOURS);
  }

  @Test
  void quarantineRulesAndLimitsAreRead() throws IOException {
    write(
        VALID
            .replace("min = 1, severity = warning }", "min = 1, on-fail = quarantine }")
            .replace(
                "quality.rules = [",
                "quality.max-quarantine = 0.05\nquality.quarantine-warning = 0.002\nquality.rules = ["));
    ProductSpec spec = new SpecLoader(dir).load("shop.orders");
    assertThat(spec.quality())
        .extracting(QualityRule::onFail)
        .containsExactly(QualityRule.OnFail.GATE, QualityRule.OnFail.QUARANTINE);
    assertThat(spec.quarantineRules()).extracting(QualityRule::name).containsExactly("range(qty)");
    assertThat(spec.quarantine()).isEqualTo(new QuarantineLimits(0.05, 0.002));
  }

  @Test
  void withoutQuarantineKeysTheLimitsAreTheDefaults() throws IOException {
    write(VALID);
    ProductSpec spec = new SpecLoader(dir).load("shop.orders");
    assertThat(spec.quarantineRules()).isEmpty();
    assertThat(spec.quarantine()).isEqualTo(new QuarantineLimits(0.01, 0.001));
  }

  @Test
  void onlyRulesThatJudgeSingleRowsMayQuarantine() throws IOException {
    assertThat(
            invalid(
                    VALID.replace(
                        "type = unique, column = id",
                        "type = unique, column = id, on-fail = quarantine"))
                .getMessage())
        .contains(
            "orders.conf:16",
            "quality.rules[0].on-fail",
            "rule 'unique(id)' (type unique) cannot quarantine",
            "completeness (with min = 1.0), non-negative, range, allowed-values, pattern and sql (with min-fraction = 1.0)");
    assertThat(
            invalid(
                    VALID.replace(
                        "type = unique, column = id",
                        "type = completeness, column = id, min = 0.9, on-fail = quarantine"))
                .getMessage())
        .contains("rule 'completeness(id)' (type completeness) cannot quarantine");
    assertThat(
            invalid(
                    VALID.replace(
                        "type = unique, column = id",
                        "type = sql, name = positive, predicate = \"qty > 0\", min-fraction = 0.5, on-fail = quarantine"))
                .getMessage())
        .contains("rule 'positive' (type sql) cannot quarantine");
    assertThat(invalid(VALID.replace("severity = warning", "on-fail = drop")).getMessage())
        .contains("quality.rules[1].on-fail", "expected quarantine", "or gate", "'drop'");
    assertThat(
            invalid(
                    VALID.replace(
                        "quality.rules = [", "quality.max-quarantine = 2\nquality.rules = ["))
                .getMessage())
        .contains("quality.max-quarantine", "a fraction between 0 and 1, got 2.0");
  }

  @Test
  void theShippedSpecsAreValid() {
    SpecLoader shipped =
        new SpecLoader(
            Path.of("").toAbsolutePath().getParent().getParent().resolve("jobs/products"));
    assertThat(shipped.list()).contains("sales.orders", "product.inventory", "finance.revenue");
    shipped.list().forEach(shipped::load);
    assertThat(ProductOrder.sort(shipped.list().stream().map(shipped::load).toList()))
        .extracting(ProductSpec::id)
        .containsSubsequence("sales.orders", "finance.revenue")
        .containsSubsequence("product.inventory", "finance.revenue");
  }
}
