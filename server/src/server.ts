// Language server entry point: being written (LSP wiring lives in server/src/lsp/).
import './lsp/main';
