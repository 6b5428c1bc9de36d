export const ROLES = ['admin', 'platform', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: the API key behind the request. */
export interface Principal {
  readonly keyId: string;
  readonly name: string;
  readonly role: Role;
}

/** Admin may do everything; other roles only what a route names. */
export function isAllowed(role: Role, allowed: readonly Role[]): boolean {
  return role === 'admin' || allowed.includes(role);
}
