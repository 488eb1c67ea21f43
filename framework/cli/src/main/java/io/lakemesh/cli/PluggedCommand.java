package io.lakemesh.cli;

import java.util.concurrent.Callable;

/**
 * A {@code lakemesh} command that lives in another module (listed in its {@code
 * META-INF/services/io.lakemesh.cli.PluggedCommand}), such as {@code generate} in the job jar,
 * whose sample-data generators are no part of the framework.
 */
public interface PluggedCommand extends Callable<Integer> {}
