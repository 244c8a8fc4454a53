#!/usr/bin/env node
// Gazette runs its TypeScript sources compiled to JavaScript (see compile.js).
import { pathToFileURL } from 'node:url';
import { compiled } from './compile.js';

await import(pathToFileURL(await compiled()).href);
