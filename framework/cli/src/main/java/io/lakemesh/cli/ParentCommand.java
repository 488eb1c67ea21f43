package io.lakemesh.cli;

import picocli.CommandLine;

/** A command that only groups subcommands: run bare, it shows its usage. */
abstract class ParentCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
