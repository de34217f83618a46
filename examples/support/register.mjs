// @ts-check
// Lets Node 20 and 22 run the TypeScript examples: `node --import ./examples/support/register.mjs
// examples/<name>.ts`. Node 23.6 and later strip the types themselves (`node examples/<name>.ts`).
// The examples import 'tiktok-ad-auth' and resolve it to the built package (dist/) through the
// package's own `exports`, as an app does: run `npm run build` first.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
