import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { RouteAccess } from '../ledger/access/access-rights.js';

export const ACCESS_METADATA = 'kpi-ledger:access';

/**
 * The access a route (or every route of a controller) needs. A route without one is refused to
 * everybody (403 ACCESS_NOT_DECLARED), so a new controller cannot be open by oversight.
 */
export const Access = (access: RouteAccess) =>
  access === 'public'
    ? SetMetadata(ACCESS_METADATA, access)
    : applyDecorators(SetMetadata(ACCESS_METADATA, access), ApiBearerAuth());
