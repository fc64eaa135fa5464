/**
 * A server value's type after `res.json()` and `JSON.parse`: a `Date` becomes its ISO 8601 string (UTC, what
 * `Date#toJSON` writes); arrays, objects and unions keep their shape.
 */
export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;
