package io.lakemesh.catalog.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One thing an account of the mesh needs so that Lake Formation's grants are what decides on AWS:
 * whether it holds ({@link State#OK}), what lakemesh would change ({@link State#CHANGE}, applied by
 * {@code aws setup --apply}), or what a person must do in another account ({@link State#MANUAL},
 * such as a bucket policy).
 *
 * @param account the mesh account
 * @param check what is checked ({@code data-lake admins})
 * @param state whether it holds
 * @param detail what was found
 * @param fix what to do, or what {@code --apply} does; empty when it holds
 * @param items documents to apply by hand (policies), one line each
 * @param apply makes the change, for {@link State#CHANGE}
 */
public record SetupStep(
    String account,
    String check,
    State state,
    String detail,
    String fix,
    List<String> items,
    Runnable apply) {

  /** Whether a step holds. */
  public enum State {
    OK,
    CHANGE,
    MANUAL
  }

  public SetupStep {
    items = List.copyOf(items);
  }

  static SetupStep ok(String account, String check, String detail) {
    return new SetupStep(account, check, State.OK, detail, "", List.of(), () -> {});
  }

  static SetupStep change(String account, String check, String detail, String fix, Runnable apply) {
    return new SetupStep(account, check, State.CHANGE, detail, fix, List.of(), apply);
  }

  /** The step as plain values (printed as JSON, and read by the CLI, which has no AWS types). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("account", account);
    m.put("check", check);
    m.put("state", state.name().toLowerCase(Locale.ROOT));
    m.put("detail", detail);
    m.put("fix", fix);
    m.put("items", items);
    return m;
  }
}
