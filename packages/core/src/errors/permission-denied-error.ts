import { BatonError, type BatonErrorOptions, isBatonErrorNamed } from './baton-error.js';

/** A capability check refused an action; `capability` is what was requested. */
export class PermissionDeniedError extends BatonError {
  readonly capability: string;

  constructor(capability: string, reason: string, options: BatonErrorOptions = {}) {
    super('permission_denied', `permission denied for ${capability}: ${reason}`, false, options);
    this.name = 'PermissionDeniedError';
    this.capability = capability;
  }

  static override isInstance(error: unknown): error is PermissionDeniedError {
    return isBatonErrorNamed(error, 'PermissionDeniedError');
  }
}
