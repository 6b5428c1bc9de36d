import { SetMetadata } from '@nestjs/common';
import { Role } from './role';

export const ROLES_METADATA = 'phonetrust:roles';
export const PUBLIC_METADATA = 'phonetrust:public';

/** The roles allowed on a route (admin is always allowed). A route without @Roles or @Public is admin-only. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_METADATA, roles);

/** A route that needs no API key (health, metrics, docs, the console page). */
export const Public = () => SetMetadata(PUBLIC_METADATA, true);
