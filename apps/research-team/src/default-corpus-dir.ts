import { fileURLToPath } from 'node:url';

/** The corpus shipped with the app (`apps/research-team/corpus`), from source or from `dist/`. */
export const defaultCorpusDir: string = fileURLToPath(new URL('../corpus/', import.meta.url));
