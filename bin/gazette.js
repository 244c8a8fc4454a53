#!/usr/bin/env node
// Gazette runs from its TypeScript sources: tsx compiles them as they load (and caches them).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
