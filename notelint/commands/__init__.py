"""One module per subcommand: ``run(args) -> exit code``."""
