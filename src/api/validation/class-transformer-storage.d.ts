/**
 * class-transformer keeps its decorators' metadata in one module, which its index does not
 * re-export. @nestjs/mapped-types reads it from the same path; so does the body plan
 * (body-plan.ts), which must see exactly the `@Type`s that `plainToInstance` sees.
 */
declare module 'class-transformer/cjs/storage.js' {
  import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';

  export const defaultMetadataStorage: MetadataStorage;
}
