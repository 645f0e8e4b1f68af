package io.arrears.cli;

import java.nio.file.Path;

import io.arrears.config.ConfigurationDocs;

/** Regenerates docs/configuration.md from the option definitions. */
final class ConfigDocsCommand implements Arrears.Command {

    @Override
    public String summary() {
        return "write docs/configuration.md from the option definitions [path]";
    }

    @Override
    public int run(String[] args) throws Exception {
        Path target = Path.of(args.length > 0 ? args[0] : "docs/configuration.md");
        ConfigurationDocs.main(new String[] {target.toString()});
        System.out.println("Wrote " + target.toAbsolutePath());
        return 0;
    }
}
