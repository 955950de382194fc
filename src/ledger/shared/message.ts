/** Commands and events are read-only `{ type, data }` records; unions of them end in exhaustive switches. */
export type Event<Type extends string = string, Data extends object = object> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

/**
 * What the shell tells the domain about the moment of the command. The domain never reads the
 * clock or makes ids: both come in here (ids that a command needs travel in its data).
 */
export type CommandMetadata = Readonly<{
  /** ISO-8601 instant from the injected clock. */
  now: string;
  /** Who issues the command (the API key's name, or "anonymous" in open mode). */
  actor: string;
}>;

export type Command<Type extends string = string, Data extends object = object> = Readonly<{
  type: Type;
  data: Readonly<Data>;
  metadata: CommandMetadata;
}>;

/** Fails to compile when a switch over a union misses a case. */
export function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}
