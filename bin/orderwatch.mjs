#!/usr/bin/env node
// The `orderwatch` command. The sources are TypeScript run through tsx's
// loader, so `npx orderwatch` works from a fresh clone with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
