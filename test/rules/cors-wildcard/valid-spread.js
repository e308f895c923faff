// shipguard-test: no-findings
import cors from 'cors';
import { corsDefaults } from './config.js';

export const api = cors({ ...corsDefaults, maxAge: 600 });
