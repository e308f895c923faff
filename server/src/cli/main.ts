// CLI entry: being written.
