/**
 * The name of the key a request was authenticated with, set by the AccessGuard and read where a
 * write records its actor. Absent in open mode: the actor is then "anonymous".
 */
const callers = new WeakMap<object, string>();

export const setRequestCaller = (request: object, name: string): void => void callers.set(request, name);

export const requestCaller = (request: object): string | undefined => callers.get(request);
