// Extension entry: being written.
