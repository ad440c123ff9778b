import { config } from "zod/mini";
import en from "zod/v4/locales/en.js";

/**
 * readiness's one way into zod: `zod/mini` with English messages. Classic `zod` builds every schema
 * method into one class, so a bundle that uses any of it carries all of it (about 200 KB of each
 * Lambda's cold start); mini's functions are shaken off when unused (about 25 KB). Mini ships
 * without messages: English is configured here, once, before any schema parses.
 *
 * Import it as a namespace (`import * as z from ".../validation/zod"`): the bundler then keeps only
 * the functions used. Re-exporting mini's namespace object itself would keep all of zod, every
 * locale included.
 */
config(en());

export * from "zod/mini";
