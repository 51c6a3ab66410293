/** `T` with its readonly fields writable: for the objects the engine fills again instead of allocating (reused events, pooled tasks). */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };
