export const DIGEST_LOG = Symbol('DIGEST_LOG');
export const AUDIT_CONFIG = Symbol('AUDIT_CONFIG');
