// LSP wiring: being written.
