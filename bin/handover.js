#!/usr/bin/env node
// Thin launcher so `npx handover` runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';
register();
process.env.HANDOVER_CLI = "1";
await import('../src/cli/index.ts');
