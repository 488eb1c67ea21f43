package io.lakemesh.cli;

import picocli.CommandLine.Command;

@Command(name = "quarantine", mixinStandardHelpOptions = true,
    description = "Rows a product's quarantine rules set aside: release them once fixed.",
    subcommands = {QuarantineReleaseCommand.class})
final class QuarantineCommand extends ParentCommand {}
