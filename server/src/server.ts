/**
 * Language server entry point (bundled to server/out/server.js).
 * `node server/out/server.js --stdio` for any LSP editor; VS Code starts it over ipc.
 */
import { startServer } from './lsp/main';

startServer();
