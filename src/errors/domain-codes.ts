/**
 * Refusals of the country deciders (lifecycle and consistency rules). All are 409: the request is
 * well-formed but the country's recorded history does not allow it.
 */
export const domainErrors = {
  LIFECYCLE_CONFLICT: { status: 409, title: 'The recorded history does not allow this fact' },
} as const satisfies Record<string, { status: number; title: string }>;
